/** Probe state machine task "Launch" (see state-machines/probe.asl.json and docs/probe.md). */
import { ec2Port } from '../shared/aws/probe/ec2';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { launchProbe } from '../shared/probe/tasks/launch';

const deps = probeDepsOnFirstUse({ ec2: ec2Port });

export const handler = probeTaskHandler(
  (input: ProbeState) => launchProbe(input, deps()),
  (state) => metricsForTask('Launch', state),
);
