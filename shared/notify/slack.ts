/**
 * A Slack Block Kit message for an incoming webhook (the optional Slack notifier function).
 * Within Slack's limits: a header of 150 characters, section text of 3000, 50 blocks; text from
 * reports is escaped so `<`, `>` and `&` cannot form links or mentions.
 */
import type { DigestDocument, FindingChange, FindingsDocument } from './document-schema';
import {
  amiLine,
  CHANGE_LABEL,
  changeDetail,
  countsLine,
  goneBecause,
  truncate,
  verdictsLine,
} from './labels';

type Text = { readonly type: 'mrkdwn' | 'plain_text'; readonly text: string };
/** The Block Kit blocks this renderer uses. */
export type SlackBlock =
  | { readonly type: 'header'; readonly text: Text }
  | { readonly type: 'section'; readonly text?: Text; readonly fields?: readonly Text[] }
  | { readonly type: 'context'; readonly elements: readonly Text[] }
  | { readonly type: 'divider' };

/** The webhook payload: `text` is the notification fallback, `blocks` what the channel shows. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const MAX_HEADER = 150;
/** Header, facts, divider, then changes, and room for the footer blocks. */
const MAX_CHANGE_BLOCKS = MAX_BLOCKS - 8;

/**
 * Renders a notification document as a Slack message.
 *
 * @example
 * await postToWebhook(url, renderSlack(document));
 */
export function renderSlack(document: FindingsDocument | DigestDocument): SlackMessage {
  return document.type === 'batch-ami-auditor.digest' ? digest(document) : findings(document);
}

function findings(d: FindingsDocument): SlackMessage {
  const resolved = d.event === 'resolved';
  const state = resolved ? 'RESOLVED' : (d.verdict ?? 'ALERT');
  const emoji = resolved ? '✅' : d.verdict === 'FAIL' ? '🚨' : '⚠️';
  const ce = d.computeEnvironment.name;
  const blocks: SlackBlock[] = [
    header(`${emoji} ${state}: Batch AMI in ${ce}`),
    {
      type: 'section',
      fields: [
        md(`*Compute environment*\n<${d.consoleUrl}|${slackEscape(ce)}>`),
        md(`*AMI*\n${slackEscape(amiLine(d))}`),
        md(`*Account / region*\n${d.accountId} / ${d.region}`),
        md(`*Verdict now*\n${d.verdict ?? `none: ${goneBecause(d)}`}`),
      ],
    },
    { type: 'divider' },
    ...d.changes.slice(0, MAX_CHANGE_BLOCKS).map(changeBlock),
  ];
  if (d.changes.length > MAX_CHANGE_BLOCKS) {
    blocks.push(context(`…and ${d.changes.length - MAX_CHANGE_BLOCKS} more changes.`));
  }
  if (d.waived.length > 0) {
    blocks.push(
      context(
        `Waived, not alerting: ${d.waived.map((f) => `\`${slackEscape(f.ruleId)}\``).join(', ')}`,
      ),
    );
  }
  blocks.push(context(`batch-ami-auditor · audit ${slackEscape(d.auditId)} · ${d.generatedAt}`));
  return {
    text: `${state}: Batch AMI ${d.amiId ?? '(not resolved)'} in ${ce}: ${countsLine(d.counts)}`,
    blocks,
  };
}

function changeBlock(c: FindingChange): SlackBlock {
  const lines = [
    `*${CHANGE_LABEL[c.change]}* \`${slackEscape(c.ruleId)}\` · ${c.severity} · ${slackEscape(changeDetail(c))}`,
    slackEscape(c.change === 'resolved' ? `It was: ${c.message}` : c.message),
  ];
  if (c.change !== 'resolved' && c.finding) {
    lines.push(`*Why it matters:* ${slackEscape(c.finding.impact)}`);
    lines.push(`*Fix:* ${slackEscape(c.finding.remediation)}`);
  }
  return { type: 'section', text: md(truncate(lines.join('\n'), MAX_SECTION)) };
}

function digest(d: DigestDocument): SlackMessage {
  const changes = d.groups.flatMap((g) =>
    g.changes.map(
      (c) =>
        `*${CHANGE_LABEL[c.change]}* ${slackEscape(g.computeEnvironment.name)} / \`${g.amiId ?? 'unresolved'}\`: \`${slackEscape(c.ruleId)}\` (${c.severity}) ${slackEscape(changeDetail(c))}`,
    ),
  );
  const blocks: SlackBlock[] = [
    header(`📊 Batch AMI sweep: ${countsLine(d.counts)}`),
    {
      type: 'section',
      fields: [
        md(`*Account / region*\n${d.accountId} / ${d.region}`),
        md(`*Verdicts*\n${verdictsLine(d.totals)}`),
        md(`*Compute environments*\n${d.totals.computeEnvironments}`),
        md(`*Waived findings*\n${d.totals.waived}`),
      ],
    },
    { type: 'divider' },
    ...chunk(changes, MAX_SECTION)
      .slice(0, MAX_CHANGE_BLOCKS / 2)
      .map((text): SlackBlock => ({ type: 'section', text: md(text) })),
  ];
  if (d.omittedGroups > 0)
    blocks.push(context(`…and ${d.omittedGroups} more compute environments.`));
  if (d.worstOffenders.length > 0) {
    const offenders = d.worstOffenders.map(
      (o, i) =>
        `${i + 1}. ${slackEscape(o.computeEnvironment.name)} / \`${o.amiId ?? 'unresolved'}\`: ${o.verdict}, ${o.problems} open${o.failedRules.length > 0 ? ` (${o.failedRules.map(slackEscape).join(', ')})` : ''}`,
    );
    blocks.push({
      type: 'section',
      text: md(truncate(`*Worst offenders*\n${offenders.join('\n')}`, MAX_SECTION)),
    });
  }
  blocks.push(
    context(
      `<${d.consoleUrl}|Compute environments> · audit ${slackEscape(d.auditId)} · ${d.generatedAt}`,
    ),
  );
  return {
    text: `Batch AMI sweep: ${countsLine(d.counts)}; ${verdictsLine(d.totals)}`,
    blocks: blocks.slice(0, MAX_BLOCKS),
  };
}

const md = (text: string): Text => ({ type: 'mrkdwn', text });
const header = (text: string): SlackBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, MAX_HEADER) },
});
const context = (text: string): SlackBlock => ({ type: 'context', elements: [md(text)] });

/** Slack's three control characters; everything else is shown as written. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Lines joined into texts of at most `max` characters each. */
function chunk(lines: readonly string[], max: number): string[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines.map((l) => truncate(l, max))) {
    if (current && current.length + line.length + 1 > max) {
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) texts.push(current);
  return texts;
}
