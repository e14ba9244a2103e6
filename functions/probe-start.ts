/** Probe state machine task "Start" (see state-machines/probe.asl.json and docs/probe.md). */
import { factsCachePort } from '../shared/aws/probe/facts-cache';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { metricsForTask } from '../shared/probe/metrics';
import { type StartInput, startProbe } from '../shared/probe/tasks/start';

const deps = probeDepsOnFirstUse({ cache: factsCachePort });

export const handler = probeTaskHandler(
  (input: StartInput) => startProbe(input, deps()),
  (state) => metricsForTask('Start', state),
);
