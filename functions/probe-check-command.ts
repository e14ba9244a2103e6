/** Probe state machine task "CheckCommand" (see state-machines/probe.asl.json and docs/probe.md). */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { checkCommand } from '../shared/probe/tasks/check-command';

export const handler = probeTaskHandler(
  (input: ProbeState) => checkCommand(input, lambdaProbeDeps()),
  (state) => metricsForTask('CheckCommand', state),
);
