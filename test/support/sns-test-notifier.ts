/**
 * A Notifier for tests: publishes each report's verdict message (the real
 * shared/notify format) to a moto SNS topic delivered to an SQS queue, and
 * remembers every publish call, so tests can count what people would receive.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AuditReport } from '../../shared/core/report';
import { buildVerdictMessage, type VerdictDocument } from '../../shared/notify/verdict-message';
import type { Notifier } from '../../shared/pipeline/ports';

export class SnsTestNotifier implements Notifier {
  readonly calls: { reports: readonly AuditReport[]; auditId: string }[] = [];
  private readonly sns: SNSClient;
  private readonly sqs: SQSClient;
  private readonly topicArn: string;
  private readonly queueUrl: string;

  constructor(sns: SNSClient, sqs: SQSClient, topicArn: string, queueUrl: string) {
    this.sns = sns;
    this.sqs = sqs;
    this.topicArn = topicArn;
    this.queueUrl = queueUrl;
  }

  async publish(reports: readonly AuditReport[], auditId: string): Promise<void> {
    this.calls.push({ reports, auditId });
    for (const report of reports) {
      const message = buildVerdictMessage(report, auditId);
      await this.sns.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: message.subject,
          Message: message.body,
          MessageAttributes: message.attributes,
        }),
      );
    }
  }

  /** Every verdict document delivered to the queue since the last drain (removed from it). */
  async drain(): Promise<VerdictDocument[]> {
    const documents: VerdictDocument[] = [];
    for (;;) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) return documents;
      for (const message of Messages) {
        const envelope = JSON.parse(message.Body ?? '{}') as { Message?: string };
        documents.push(JSON.parse(envelope.Message ?? '{}') as VerdictDocument);
        await this.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: this.queueUrl,
            ReceiptHandle: message.ReceiptHandle,
          }),
        );
      }
    }
  }
}
