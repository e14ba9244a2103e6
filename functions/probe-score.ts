/** Probe state machine task "Score": verdicts for every compute environment, published once. */
import { factsCachePort } from '../shared/aws/probe/facts-cache';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { publicParametersPort } from '../shared/aws/probe/ssm';
import { stackNotifier } from '../shared/lambda/notifier';
import { WAIVERS } from '../shared/lambda/waivers';
import { metricsForResult } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { scoreAndPublish } from '../shared/probe/tasks/score';

/**
 * The audit functions' own change-only notifier (stackNotifier), so every verdict leaves through
 * one path and one format. Built on first use, like the other ports: a bad environment fails this
 * task (which the state machine retries and reports) rather than the container's start.
 */
const deps = probeDepsOnFirstUse({
  cache: factsCachePort,
  publicParameters: publicParametersPort,
  notifier: () => stackNotifier(),
});

export const handler = probeTaskHandler(
  (input: ProbeState) => scoreAndPublish(input, { ...deps(), waivers: WAIVERS }),
  metricsForResult,
);
