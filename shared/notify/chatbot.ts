/**
 * The custom notification format of Amazon Q Developer in chat applications (formerly AWS
 * Chatbot), delivered to the topic's `https` subscribers, so a Slack or Microsoft Teams channel
 * subscribed through it renders a readable card:
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html
 *
 * `threadId` is the compute environment and AMI, so a later "resolved" lands in the same thread.
 */
import type { DigestDocument, FindingsDocument } from './document-schema';
import { amiLine, CHANGE_LABEL, changeDetail, countsLine, truncate, verdictsLine } from './labels';

/** The fields of a custom notification this auditor fills in. */
export interface ChatbotNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps: readonly string[];
    readonly keywords: readonly string[];
  };
  readonly metadata: {
    readonly threadId: string;
    readonly summary: string;
    readonly eventType: string;
    readonly relatedResources: readonly string[];
    readonly additionalContext: Readonly<Record<string, string>>;
  };
}

/** Chat clients cut long cards; keep the description well inside what they show. */
const MAX_DESCRIPTION = 3500;
const MAX_NEXT_STEPS = 5;
const ICON = {
  FAIL: ':rotating_light:',
  INCONCLUSIVE: ':warning:',
  RESOLVED: ':white_check_mark:',
};

/**
 * Renders a notification document as a custom notification.
 *
 * @example
 * JSON.stringify(renderChatbot(document)); // the `https` body of the SNS message
 */
export function renderChatbot(document: FindingsDocument | DigestDocument): ChatbotNotification {
  return document.type === 'batch-ami-auditor.digest' ? digest(document) : findings(document);
}

function findings(d: FindingsDocument): ChatbotNotification {
  const resolved = d.event === 'resolved';
  const state = resolved ? 'RESOLVED' : (d.verdict ?? 'ALERT');
  const icon = resolved ? ICON.RESOLVED : d.verdict === 'FAIL' ? ICON.FAIL : ICON.INCONCLUSIVE;
  const ce = d.computeEnvironment.name;
  const description = [
    `*Compute environment:* ${ce} (${d.accountId}, ${d.region})`,
    `*AMI:* ${amiLine(d)}`,
    '',
    ...d.changes.map(
      (c) =>
        `*${CHANGE_LABEL[c.change]}* \`${c.ruleId}\` (${c.severity}): ${changeDetail(c)}. ${c.message}`,
    ),
    ...(d.waived.length > 0
      ? ['', `_Waived, not alerting:_ ${d.waived.map((f) => `\`${f.ruleId}\``).join(', ')}`]
      : []),
  ].join('\n');
  const fixes = d.changes
    .filter((c) => c.change !== 'resolved' && c.finding)
    .map((c) => `Fix \`${c.ruleId}\`: ${c.finding?.remediation}`);
  return {
    version: '1.0',
    source: 'custom',
    id: `${d.auditId}/${ce}/${d.amiId ?? 'unresolved'}`,
    content: {
      textType: 'client-markdown',
      title: `${icon} ${state}: Batch AMI ${d.amiId ?? '(not resolved)'} in ${ce}`,
      description: truncate(description, MAX_DESCRIPTION),
      nextSteps: [
        ...fixes.slice(0, MAX_NEXT_STEPS - 1).map((s) => truncate(s, 500)),
        `Open the compute environment: ${d.consoleUrl}`,
      ],
      keywords: [state, ...(d.highestSeverity ? [d.highestSeverity] : []), ce],
    },
    metadata: {
      threadId: `${d.accountId}/${d.region}/${ce}/${d.amiId ?? 'unresolved'}`,
      summary: `${state}: ${countsLine(d.counts)} for ${ce}`,
      eventType: d.type,
      relatedResources: [d.computeEnvironment.arn ?? ce, ...(d.amiId ? [d.amiId] : [])],
      additionalContext: {
        auditId: d.auditId,
        computeEnvironment: ce,
        amiId: d.amiId ?? '',
        verdict: d.verdict ?? '',
        event: d.event,
      },
    },
  };
}

function digest(d: DigestDocument): ChatbotNotification {
  const lines = [
    `*Account:* ${d.accountId}, ${d.region}`,
    `*Verdicts:* ${verdictsLine(d.totals)} (${d.totals.computeEnvironments} compute environments)`,
    '',
    ...d.groups.flatMap((g) =>
      g.changes.map(
        (c) =>
          `*${CHANGE_LABEL[c.change]}* ${g.computeEnvironment.name} / ${g.amiId ?? 'unresolved'}: \`${c.ruleId}\` (${c.severity}) ${changeDetail(c)}`,
      ),
    ),
  ];
  if (d.omittedGroups > 0) lines.push(`_…and ${d.omittedGroups} more compute environments._`);
  if (d.worstOffenders.length > 0) {
    lines.push(
      '',
      '*Worst offenders:*',
      ...d.worstOffenders.map(
        (o, i) =>
          `${i + 1}. ${o.computeEnvironment.name} / ${o.amiId ?? 'unresolved'}: ${o.verdict}, ${o.problems} open`,
      ),
    );
  }
  return {
    version: '1.0',
    source: 'custom',
    id: d.auditId,
    content: {
      textType: 'client-markdown',
      title: `:bar_chart: Batch AMI sweep: ${countsLine(d.counts)}`,
      description: truncate(lines.join('\n'), MAX_DESCRIPTION),
      nextSteps: [`Open the compute environments: ${d.consoleUrl}`],
      keywords: ['sweep', d.verdict],
    },
    metadata: {
      threadId: `${d.accountId}/${d.region}/sweep`,
      summary: `Batch AMI sweep: ${countsLine(d.counts)}; ${verdictsLine(d.totals)}`,
      eventType: d.type,
      relatedResources: [],
      additionalContext: { auditId: d.auditId, verdict: d.verdict },
    },
  };
}
