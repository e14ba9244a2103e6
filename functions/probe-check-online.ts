/** Probe state machine task "CheckOnline" (see state-machines/probe.asl.json and docs/probe.md). */
import { ec2Port } from '../shared/aws/probe/ec2';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { ssmPort } from '../shared/aws/probe/ssm';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { checkOnline } from '../shared/probe/tasks/check-online';

const deps = probeDepsOnFirstUse({ ec2: ec2Port, ssm: ssmPort });

export const handler = probeTaskHandler(
  (input: ProbeState) => checkOnline(input, deps()),
  (state) => metricsForTask('CheckOnline', state),
);
