/** Probe state machine task "JoinTest" (see state-machines/probe.asl.json and docs/probe.md). */
import { ecsPort } from '../shared/aws/probe/ecs';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { joinTest } from '../shared/probe/tasks/join-test';

const deps = probeDepsOnFirstUse({ ecs: ecsPort });

export const handler = probeTaskHandler(
  (input: ProbeState) => joinTest(input, deps()),
  (state) => metricsForTask('JoinTest', state),
);
