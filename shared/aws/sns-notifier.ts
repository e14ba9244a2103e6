/**
 * The Notifier over SNS and DynamoDB: the change-only notifier (shared/notify/change-notifier.ts)
 * publishing one MessageStructure `json` message per change (email text, Chatbot card, JSON
 * document) and remembering what it told people in the finding state table.
 *
 * IAM: sns:Publish on the alert topic (and kms:GenerateDataKey, kms:Decrypt on its key); the
 * state table's actions are listed in finding-state-store.ts.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createChangeOnlyNotifier, type MessagePublisher } from '../notify/change-notifier';
import type { SnsMessage } from '../notify/sns-message';
import type { Notifier } from '../pipeline/ports';
import type { Log, MetricSink } from '../pipeline/telemetry';
import { call } from './errors';
import { DynamoFindingStateStore } from './finding-state-store';

/** Publishes one message to the topic. The SDK's retry strategy retries throttling and 5xx. */
export class SnsMessagePublisher implements MessagePublisher {
  private readonly sns: SNSClient;
  private readonly topicArn: string;

  constructor(sns: SNSClient, topicArn: string) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  async publish(message: SnsMessage): Promise<void> {
    await call('sns:Publish', () =>
      this.sns.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: message.subject,
          Message: message.message,
          MessageStructure: 'json',
          MessageAttributes: message.attributes,
        }),
      ),
    );
  }
}

/** What the stack's notifier is built from. */
export interface SnsNotifierConfig {
  readonly sns: SNSClient;
  readonly dynamo: DynamoDBDocumentClient;
  readonly topicArn: string;
  readonly tableName: string;
  /** Compute environment tag names that route alerts (`team`, `owner`). */
  readonly routingTagNames: readonly string[];
  readonly log?: Log;
  readonly metrics?: MetricSink;
}

/**
 * The stack's Notifier.
 *
 * @example
 * const notifier = createSnsNotifier({ sns, dynamo, topicArn, tableName, routingTagNames: ['team'] });
 */
export function createSnsNotifier(config: SnsNotifierConfig): Notifier {
  return createChangeOnlyNotifier({
    store: new DynamoFindingStateStore(config.dynamo, config.tableName),
    publisher: new SnsMessagePublisher(config.sns, config.topicArn),
    routingTagNames: config.routingTagNames,
    now: () => new Date(),
    ...(config.log ? { log: config.log } : {}),
    ...(config.metrics ? { metrics: config.metrics } : {}),
  });
}
