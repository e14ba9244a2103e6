/**
 * Audits a compute environment when CloudTrail reports a Create/UpdateComputeEnvironment
 * call (EventBridge rule). A thin adapter: the logic is shared/pipeline/handle-change-event.ts.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { SnsNotifier } from '../shared/aws/sns-notifier';
import { newAccountReader, probeWiring, sns } from '../shared/lambda/clients';
import { readEnvironment } from '../shared/lambda/config';
import { log, logger, metricSink, metrics } from '../shared/lambda/observability';
import { handleChangeEvent } from '../shared/pipeline/handle-change-event';

const env = readEnvironment();
const notifier = new SnsNotifier(sns, env.ALERT_TOPIC_ARN);
// AMIs that pass the image rules go to the probe (or to the facts it cached), when deployed with it.
const probe = probeWiring();

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler((event: unknown) =>
    handleChangeEvent(event, {
      reader: newAccountReader(),
      notifier,
      ...probe,
      now: () => new Date(),
      log,
      metrics: metricSink,
    }),
  );
