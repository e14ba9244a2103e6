/** Probe state machine task "CheckCommand" (see state-machines/probe.asl.json and docs/probe.md). */

import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { outputStorePort } from '../shared/aws/probe/s3-output';
import { ssmPort } from '../shared/aws/probe/ssm';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { checkCommand } from '../shared/probe/tasks/check-command';

const deps = probeDepsOnFirstUse({ ssm: ssmPort, outputStore: outputStorePort });

export const handler = probeTaskHandler(
  (input: ProbeState) => checkCommand(input, deps()),
  (state) => metricsForTask('CheckCommand', state),
);
