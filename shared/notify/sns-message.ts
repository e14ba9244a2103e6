/**
 * One SNS message for every channel (MessageStructure `json`): `email` gets plain text, `https`
 * (Amazon Q Developer in chat applications) its custom notification, and every other protocol
 * (SQS, Lambda, HTTP, email-json) falls back to `default`, the versioned JSON document. Pure.
 */

import { attributesOf, type MessageAttributes } from './attributes';
import { renderChatbot } from './chatbot';
import {
  type DigestDocument,
  type FindingsDocument,
  type NotificationDocument,
  notificationDocumentSchema,
} from './document-schema';
import { renderEmail } from './email';
import { subjectOf } from './subject';

/** What `sns:Publish` sends. */
export interface SnsMessage {
  readonly subject: string;
  /** The MessageStructure `json` body: `{ default, email, https }`, serialised. */
  readonly message: string;
  readonly attributes: MessageAttributes;
}

/**
 * SNS takes at most 256 KiB per message, attributes included; the three renderings share it.
 * A little under, for the attribute names and JSON escaping SNS counts.
 */
export const MAX_MESSAGE_BYTES = 250 * 1024;

/**
 * The SNS message of a document, shrunk to fit: first the embedded report is left out (the
 * problems and changes stay), then the findings' evidence; a digest drops its last groups
 * (counted in `omittedGroups`).
 *
 * @example
 * const { subject, message, attributes } = buildSnsMessage(document);
 * await sns.send(new PublishCommand({ TopicArn, Subject: subject, Message: message,
 *   MessageStructure: 'json', MessageAttributes: attributes }));
 */
export function buildSnsMessage(document: NotificationDocument): SnsMessage {
  let current = document;
  for (;;) {
    const message = render(current);
    if (Buffer.byteLength(message.message) <= MAX_MESSAGE_BYTES) return message;
    const smaller = shrink(current);
    if (!smaller) return message; // cannot shrink further: let SNS say so, loudly
    current = smaller;
  }
}

function render(document: NotificationDocument): SnsMessage {
  // Parsing with the published schema: the auditor never publishes a document it would reject.
  const published = notificationDocumentSchema.parse(document) as NotificationDocument;
  return {
    subject: subjectOf(published),
    message: JSON.stringify({
      default: JSON.stringify(published),
      email: renderEmail(published),
      https: JSON.stringify(renderChatbot(published)),
    }),
    attributes: attributesOf(published),
  };
}

function shrink(document: NotificationDocument): NotificationDocument | undefined {
  if (document.type === 'batch-ami-auditor.findings') {
    if (document.report) return { ...document, report: null } satisfies FindingsDocument;
    const findings = [
      ...document.problems,
      ...document.waived,
      ...document.changes.map((c) => c.finding),
    ];
    if (findings.some((f) => f && f.evidence.length > 0)) {
      // The evidence stays in the audit's logs; the message keeps what is wrong and the fix.
      const bare = <T extends { readonly evidence: readonly unknown[] } | null>(f: T): T =>
        f && { ...f, evidence: [] };
      return {
        ...document,
        changes: document.changes.map((c) => ({ ...c, finding: bare(c.finding) })),
        problems: document.problems.map(bare),
        waived: document.waived.map(bare),
      } satisfies FindingsDocument;
    }
    return undefined;
  }
  if (document.groups.length === 0) return undefined;
  const keep = Math.floor(document.groups.length / 2);
  return {
    ...document,
    groups: document.groups.slice(0, keep),
    omittedGroups: document.omittedGroups + document.groups.length - keep,
  } satisfies DigestDocument;
}
