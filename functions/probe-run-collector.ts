/** Probe state machine task "RunCollector" (see state-machines/probe.asl.json and docs/probe.md). */

import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { ssmPort } from '../shared/aws/probe/ssm';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { runCollector } from '../shared/probe/tasks/run-collector';

const deps = probeDepsOnFirstUse({ ssm: ssmPort });

export const handler = probeTaskHandler(
  (input: ProbeState) => runCollector(input, deps()),
  (state) => metricsForTask('RunCollector', state),
);
