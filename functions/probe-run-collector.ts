/** Probe state machine task "RunCollector" (see state-machines/probe.asl.json and docs/probe.md). */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { runCollector } from '../shared/probe/tasks/run-collector';

export const handler = probeTaskHandler(
  (input: ProbeState) => runCollector(input, lambdaProbeDeps()),
  (state) => metricsForTask('RunCollector', state),
);
