/**
 * A Notifier for the probe's tests: publishes every report of a run, PASS included, as a
 * small verdict document to a moto SNS topic delivered to an SQS queue, and remembers every
 * publish call, so tests can count the verdicts a probe hands over. (What people are then
 * told, change-only, is the real notifier's business and is tested with it.)
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { failedRuleIds } from '../../shared/core/engine';
import type { AuditReport } from '../../shared/core/report';
import type { Finding } from '../../shared/core/rule';
import type { NotificationRun, Notifier } from '../../shared/pipeline/ports';

/** One report as the test notifier delivers it. */
export interface VerdictDocument {
  readonly auditId: string;
  readonly verdict: AuditReport['verdict'];
  readonly verdictReason?: string;
  readonly amiId?: string;
  readonly computeEnvironment?: { readonly name: string; readonly arn?: string };
  readonly failedRules: readonly string[];
  /** FAIL, INCONCLUSIVE and ERROR findings. */
  readonly problems: readonly Finding[];
  readonly report: AuditReport;
}

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

  async publish(run: NotificationRun): Promise<void> {
    const { reports, auditId } = run;
    this.calls.push({ reports, auditId });
    for (const report of reports) {
      const document: VerdictDocument = {
        auditId,
        verdict: report.verdict,
        ...(report.verdictReason ? { verdictReason: report.verdictReason } : {}),
        ...(report.target.amiId ? { amiId: report.target.amiId } : {}),
        ...(report.target.computeEnvironment
          ? { computeEnvironment: report.target.computeEnvironment }
          : {}),
        failedRules: failedRuleIds(report.findings),
        problems: report.findings.filter((f) =>
          ['FAIL', 'INCONCLUSIVE', 'ERROR'].includes(f.status),
        ),
        report,
      };
      await this.sns.send(
        new PublishCommand({ TopicArn: this.topicArn, Message: JSON.stringify(document) }),
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
