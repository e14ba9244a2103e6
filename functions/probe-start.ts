/** Probe state machine task "Start" (see state-machines/probe.asl.json and docs/probe.md). */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import { type StartInput, startProbe } from '../shared/probe/tasks/start';

export const handler = probeTaskHandler(
  (input: StartInput) => startProbe(input, lambdaProbeDeps()),
  (state) => metricsForTask('Start', state),
);
