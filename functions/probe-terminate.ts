/** Probe state machine task "Terminate" (see state-machines/probe.asl.json and docs/probe.md). */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { terminateProbe } from '../shared/probe/tasks/terminate';

export const handler = probeTaskHandler(
  (input: ProbeState) => terminateProbe(input, lambdaProbeDeps()),
  (state) => metricsForTask('Terminate', state),
);
