/** Probe state machine task "Score": verdicts for every compute environment, published once. */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { clientConfig } from '../shared/aws/client-config';
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { buildVerdictMessage } from '../shared/notify/verdict-message';
import type { Notifier } from '../shared/pipeline/ports';
import { metricsForResult } from '../shared/probe/metrics';
import type { ProbeState } from '../shared/probe/state';
import { scoreAndPublish } from '../shared/probe/tasks/score';

const sns = new SNSClient(clientConfig());

/**
 * Publishes each report to the alert topic (IAM: sns:Publish on it).
 * Wiring only: replace with the pipeline's SNS Notifier when it lands, so
 * every verdict leaves through one publisher.
 */
const notifier: Notifier = {
  async publish(reports, auditId) {
    for (const report of reports) {
      const message = buildVerdictMessage(report, auditId);
      await sns.send(
        new PublishCommand({
          TopicArn: process.env.ALERT_TOPIC_ARN,
          Subject: message.subject,
          Message: message.body,
          MessageAttributes: message.attributes,
        }),
      );
    }
  },
};

export const handler = probeTaskHandler(
  (input: ProbeState) => scoreAndPublish(input, lambdaProbeDeps(notifier)),
  metricsForResult,
);
