/** Probe state machine task "Terminate" (see state-machines/probe.asl.json and docs/probe.md). */
import { ec2Port } from '../shared/aws/probe/ec2';
import { ecsPort } from '../shared/aws/probe/ecs';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { terminateProbe } from '../shared/probe/tasks/terminate';

const deps = probeDepsOnFirstUse({ ec2: ec2Port, ecs: ecsPort });

export const handler = probeTaskHandler(
  (input: ProbeState) => terminateProbe(input, deps()),
  (state) => metricsForTask('Terminate', state),
);
