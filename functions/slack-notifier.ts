/**
 * Posts each alert of the topic to a Slack incoming webhook as Block Kit blocks (SNS → Lambda).
 * Deployed only when a webhook is configured (serverless.yml, HasSlackWebhook). The webhook URL
 * is read from SSM Parameter Store or Secrets Manager, and re-read every few minutes so a
 * rotated URL takes effect without a deploy. A failure throws: Lambda retries, then
 * dead-letters the message.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { postToSlack } from '../shared/aws/slack-webhook';
import { readWebhookUrl, type WebhookSource } from '../shared/aws/slack-webhook-url';
import { readSlackEnvironment } from '../shared/lambda/config';
import { logger, metricSink, metrics } from '../shared/lambda/observability';
import { webhookClients } from '../shared/lambda/slack-clients';
import { deliverToSlack } from '../shared/notify/slack-delivery';

const env = readSlackEnvironment();
const source: WebhookSource = env.SLACK_WEBHOOK_PARAMETER
  ? { kind: 'ssm', parameterName: env.SLACK_WEBHOOK_PARAMETER }
  : { kind: 'secretsmanager', secretArn: env.SLACK_WEBHOOK_SECRET_ARN };

/** How long a read webhook URL is reused before it is read again (rotation). */
const URL_TTL_MS = 5 * 60 * 1000;
let cached: { readonly url: URL; readonly readAt: number } | undefined;

async function webhookUrl(): Promise<URL> {
  if (!cached || Date.now() - cached.readAt > URL_TTL_MS) {
    cached = { url: await readWebhookUrl(source, webhookClients), readAt: Date.now() };
  }
  return cached.url;
}

export const handler = middy<SNSEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const url = await webhookUrl();
    for (const record of event.Records) {
      logger.appendKeys({ snsMessageId: record.Sns.MessageId });
      await deliverToSlack(record.Sns.Message, (message) => postToSlack(url, message));
      metricSink.count('SlackMessagesPosted');
    }
  });
