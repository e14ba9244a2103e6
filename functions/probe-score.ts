/** Probe state machine task "Score": verdicts for every compute environment, published once. */
import { SNSClient } from '@aws-sdk/client-sns';
import { clientConfig } from '../shared/aws/client-config';
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { SnsNotifier } from '../shared/aws/sns-notifier';
import { readEnvironment } from '../shared/lambda/config';
import { metricsForResult } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { scoreAndPublish } from '../shared/probe/tasks/score';

let notifier: SnsNotifier | undefined;

/**
 * The audit functions' own publisher, so every verdict leaves through one path and one format.
 * Built on first use, like the deps: a bad environment fails this task (which the state machine
 * retries and reports) rather than the container's start.
 */
function alertNotifier(): SnsNotifier {
  notifier ??= new SnsNotifier(new SNSClient(clientConfig()), readEnvironment().ALERT_TOPIC_ARN);
  return notifier;
}

export const handler = probeTaskHandler(
  (input: ProbeState) => scoreAndPublish(input, lambdaProbeDeps(alertNotifier())),
  metricsForResult,
);
