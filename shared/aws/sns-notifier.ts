/**
 * The Notifier port over SNS: one message per (compute environment, AMI)
 * report whose verdict needs attention (FAIL or INCONCLUSIVE).
 *
 * IAM: sns:Publish on the alert topic (and kms:GenerateDataKey, kms:Decrypt on its key).
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AuditReport } from '../core/report';
import { buildVerdictMessage } from '../notify/verdict-message';
import type { Notifier } from '../pipeline/ports';
import { call } from './errors';

export class SnsNotifier implements Notifier {
  private readonly sns: SNSClient;
  private readonly topicArn: string;

  constructor(sns: SNSClient, topicArn: string) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  async publish(reports: readonly AuditReport[], auditId: string): Promise<void> {
    for (const report of reports) {
      if (report.verdict === 'PASS') continue;
      const message = buildVerdictMessage(report, auditId);
      await call('sns:Publish', () =>
        this.sns.send(
          new PublishCommand({
            TopicArn: this.topicArn,
            Subject: message.subject,
            Message: message.body,
            MessageAttributes: message.attributes,
          }),
        ),
      );
    }
  }
}
