/** Probe state machine task "CheckOnline" (see state-machines/probe.asl.json and docs/probe.md). */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { checkOnline } from '../shared/probe/tasks/check-online';

export const handler = probeTaskHandler(
  (input: ProbeState) => checkOnline(input, lambdaProbeDeps()),
  (state) => metricsForTask('CheckOnline', state),
);
