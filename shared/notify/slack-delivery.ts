/**
 * What the Slack notifier does with one SNS message: read the notification document (the
 * topic's `default`/`lambda` body), render it as Slack blocks, post it.
 */
import { InvalidInputError } from '../errors';
import { describeIssues } from '../events/zod-issues';
import { type NotificationDocument, notificationDocumentSchema } from './document-schema';
import { renderSlack, type SlackMessage } from './slack';

/**
 * Posts the notification in `snsMessage` through `post`.
 *
 * @throws InvalidInputError when the message is not a notification document this version knows
 *   (the invocation fails, is retried, and lands in the dead-letter queue: never silently lost).
 */
export async function deliverToSlack(
  snsMessage: string,
  post: (message: SlackMessage) => Promise<void>,
): Promise<void> {
  await post(renderSlack(readDocument(snsMessage)));
}

function readDocument(snsMessage: string): NotificationDocument {
  let json: unknown;
  try {
    json = JSON.parse(snsMessage);
  } catch (error) {
    throw new InvalidInputError(
      'The SNS message is not JSON: not a batch-ami-auditor notification',
      {
        cause: error,
      },
    );
  }
  const result = notificationDocumentSchema.safeParse(json);
  if (!result.success) {
    throw new InvalidInputError(
      `The SNS message is not a batch-ami-auditor notification this version reads: ${describeIssues(result.error)}`,
      { cause: result.error },
    );
  }
  return result.data as NotificationDocument;
}
