/**
 * Audits every compute environment of the account and region on a schedule, and sends one
 * digest of what changed. A thin adapter: the logic is shared/pipeline/sweep.ts.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { newAccountReader } from '../shared/lambda/account-clients';
import { accountIdOf, readEnvironment } from '../shared/lambda/config';
import { stackNotifier } from '../shared/lambda/notifier';
import { log, logger, metricSink, metrics } from '../shared/lambda/observability';
import { probeWiring } from '../shared/lambda/probe-wiring';
import { WAIVERS } from '../shared/lambda/waivers';
import { sweep } from '../shared/pipeline/sweep';

interface SweepSummary {
  readonly computeEnvironments: number;
  readonly distinctAmis: number;
  readonly reports: number;
  /** AMIs handed to a new probe execution; their verdicts are published when it finishes. */
  readonly probesStarted: number;
}

const env = readEnvironment();
const notifier = stackNotifier(env);
// AMIs that pass the image rules go to the probe (or to the facts it cached), when deployed with it.
const probe = probeWiring();

export const handler = middy<ScheduledEvent, SweepSummary, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event, context) => {
    const reader = newAccountReader();
    // The scheduled event's id is stable across retries of one invocation.
    const auditId = `sweep-${event.id ?? context.awsRequestId}`;
    const outcome = await sweep(auditId, {
      reader,
      notifier,
      waivers: WAIVERS,
      ...probe,
      region: env.AWS_REGION,
      accountId: accountIdOf(context.invokedFunctionArn),
      now: () => new Date(),
      log,
      metrics: metricSink,
    });
    logger.info('AWS calls made by the sweep', { calls: reader.calls.snapshot() });
    return {
      computeEnvironments: outcome.computeEnvironments,
      distinctAmis: outcome.distinctAmis,
      reports: outcome.reports.length,
      probesStarted: outcome.probes.filter((p) => p.status === 'started').length,
    };
  });
