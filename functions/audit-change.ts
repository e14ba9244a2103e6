/**
 * Audits a compute environment when CloudTrail reports a Create/UpdateComputeEnvironment
 * call, and resolves its findings on DeleteComputeEnvironment (EventBridge rule). A thin
 * adapter: the logic is shared/pipeline/handle-change-event.ts.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { newAccountReader } from '../shared/lambda/account-clients';
import { readEnvironment } from '../shared/lambda/config';
import { stackNotifier } from '../shared/lambda/notifier';
import { log, logger, metricSink, metrics } from '../shared/lambda/observability';
import { probeWiring } from '../shared/lambda/probe-wiring';
import { WAIVERS } from '../shared/lambda/waivers';
import { handleChangeEvent } from '../shared/pipeline/handle-change-event';

const env = readEnvironment();
const notifier = stackNotifier(env);
// AMIs that pass the image rules go to the probe (or to the facts it cached), when deployed with it.
const probe = probeWiring();

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler((event: unknown) =>
    handleChangeEvent(event, {
      reader: newAccountReader(),
      notifier,
      waivers: WAIVERS,
      ...probe,
      now: () => new Date(),
      log,
      metrics: metricSink,
    }),
  );
