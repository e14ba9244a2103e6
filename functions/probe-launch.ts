/** Probe state machine task "Launch" (see state-machines/probe.asl.json and docs/probe.md). */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { launchProbe } from '../shared/probe/tasks/launch';

export const handler = probeTaskHandler(
  (input: ProbeState) => launchProbe(input, lambdaProbeDeps()),
  (state) => metricsForTask('Launch', state),
);
