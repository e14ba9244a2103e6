/** Probe state machine task "Score": verdicts for every compute environment, published once. */
import { factsCachePort } from '../shared/aws/probe/facts-cache';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { publicParametersPort } from '../shared/aws/probe/ssm';
import { createSnsNotifier } from '../shared/aws/sns-notifier';
import { dynamo, sns } from '../shared/lambda/alert-clients';
import { readEnvironment } from '../shared/lambda/config';
import { log, metricSink } from '../shared/lambda/observability';
import { WAIVERS } from '../shared/lambda/waivers';
import type { Notifier } from '../shared/pipeline/ports';
import { metricsForResult } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { scoreAndPublish } from '../shared/probe/tasks/score';

/**
 * The audit functions' own change-only notifier, so every verdict leaves through one path and one
 * format. Built on first use, like the other ports: a bad environment fails this task (which the
 * state machine retries and reports) rather than the container's start.
 */
function alertNotifier(): Notifier {
  const env = readEnvironment();
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

const deps = probeDepsOnFirstUse({
  cache: factsCachePort,
  publicParameters: publicParametersPort,
  notifier: alertNotifier,
});

export const handler = probeTaskHandler(
  (input: ProbeState) => scoreAndPublish(input, { ...deps(), waivers: WAIVERS }),
  metricsForResult,
);
