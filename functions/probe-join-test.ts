/** Probe state machine task "JoinTest" (see state-machines/probe.asl.json and docs/probe.md). */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { joinTest } from '../shared/probe/tasks/join-test';

export const handler = probeTaskHandler(
  (input: ProbeState) => joinTest(input, lambdaProbeDeps()),
  (state) => metricsForTask('JoinTest', state),
);
