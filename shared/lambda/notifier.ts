/**
 * The stack's change-only notifier, as every function that publishes verdicts builds it
 * (change, sweep, the probe's Score): from the validated environment, on the shared clients.
 */
import { createSnsNotifier } from '../aws/sns-notifier';
import type { Notifier } from '../pipeline/ports';
import { dynamo, sns } from './alert-clients';
import { type LambdaEnvironment, readEnvironment } from './config';
import { log, metricSink } from './observability';

export function stackNotifier(env: LambdaEnvironment = readEnvironment()): Notifier {
  return createSnsNotifier({
    sns,
    dynamo,
    topicArn: env.ALERT_TOPIC_ARN,
    tableName: env.FINDING_STATE_TABLE,
    routingTagNames: env.ROUTING_TAGS,
    log,
    metrics: metricSink,
  });
}
