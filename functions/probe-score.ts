/** Probe state machine task "Score": verdicts for every compute environment, published once. */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { stackNotifier } from '../shared/lambda/notifier';
import { WAIVERS } from '../shared/lambda/waivers';
import type { Notifier } from '../shared/pipeline/ports';
import { metricsForResult } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { scoreAndPublish } from '../shared/probe/tasks/score';

let notifier: Notifier | undefined;

/**
 * The audit functions' own change-only notifier, so every verdict leaves through one path and one
 * format. Built on first use, like the deps: a bad environment fails this task (which the state
 * machine retries and reports) rather than the container's start.
 */
function alertNotifier(): Notifier {
  notifier ??= stackNotifier();
  return notifier;
}

export const handler = probeTaskHandler(
  (input: ProbeState) =>
    scoreAndPublish(input, { ...lambdaProbeDeps(alertNotifier()), waivers: WAIVERS }),
  metricsForResult,
);
