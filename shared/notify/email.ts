/**
 * The email body: plain text a person reads on a phone. Short labelled lines instead of tables
 * (proportional fonts break alignment), no hard wrapping (mail clients wrap to the screen), the
 * most urgent change first, each with what is wrong, the evidence, why it matters to Batch and
 * how to fix it, then a console link.
 */
import type { Finding } from '../core/rule';
import { amiUrl } from './console-links';
import type { DigestDocument, FindingChange, FindingsDocument } from './document-schema';
import {
  amiLine,
  CHANGE_LABEL,
  type ChangeFacts,
  changeDetail,
  countsLine,
  goneBecause,
  resolutionText,
  tagsLine,
  verdictsLine,
} from './labels';

/**
 * Renders a notification document as the email body.
 *
 * @example
 * const body = renderEmail(document); // 'FAIL: compute environment gpu-ce launches an AMI that …'
 */
export function renderEmail(document: FindingsDocument | DigestDocument): string {
  const lines =
    document.type === 'batch-ami-auditor.digest' ? digestLines(document) : findingsLines(document);
  return `${lines.join('\n')}\n`;
}

function findingsLines(d: FindingsDocument): string[] {
  const ce = d.computeEnvironment.name;
  const lines = [
    headline(d),
    '',
    `Compute environment: ${ce}`,
    `AMI: ${amiLine(d)}`,
    `Account: ${d.accountId}, ${d.region}`,
    `Verdict now: ${d.verdict ?? `none, ${goneBecause(d)}`}`,
  ];
  if (d.verdictReason) lines.push(`Reason: ${d.verdictReason}`);
  const tags = tagsLine(d.routingTags);
  if (tags) lines.push(`Routing tags: ${tags}`);

  for (const change of d.changes) lines.push('', ...changeLines(change));

  const changed = new Set(d.changes.map((c) => c.ruleId));
  const unchanged = d.problems.filter((f) => !changed.has(f.ruleId));
  if (unchanged.length > 0) {
    lines.push('', 'Still open (reported before):');
    for (const f of unchanged)
      lines.push(`- ${f.ruleId} [${f.severity}] ${f.status}: ${f.message}`);
  }
  if (d.waived.length > 0) {
    lines.push('', 'Waived (reported, not alerting):');
    for (const f of d.waived) lines.push(`- ${f.ruleId} ${f.status}: ${waivedText(f)}`);
  }

  lines.push('', `Open the compute environment: ${d.consoleUrl}`);
  if (d.amiId) lines.push(`Open the AMI: ${amiUrl(d.region, d.amiId)}`);
  lines.push('', `-- batch-ami-auditor, audit ${d.auditId}, ${d.generatedAt}`);
  return lines;
}

function headline(d: FindingsDocument): string {
  const ce = d.computeEnvironment.name;
  if (d.event === 'resolved')
    return `RESOLVED: compute environment ${ce} no longer has the problems below.`;
  if (d.verdict === 'FAIL') {
    return `FAIL: compute environment ${ce} launches an AMI that does not meet the AWS Batch AMI specification.`;
  }
  if (d.verdict === 'INCONCLUSIVE') {
    return `INCONCLUSIVE: the auditor could not tell whether the AMI compute environment ${ce} launches meets the AWS Batch AMI specification.`;
  }
  return `${d.verdict ?? 'CHANGED'}: the findings of compute environment ${ce} changed.`;
}

function changeLines(change: FindingChange): string[] {
  const lines = [
    `${CHANGE_LABEL[change.change]} ${change.ruleId}: ${change.title} [${change.level}, ${change.severity}]`,
    `Status: ${changeDetail(change)}`,
  ];
  if (change.change === 'resolved') {
    lines[1] = `Resolved because: ${resolutionText(change)}`;
    lines.push(`It was: ${change.message}`);
    return lines;
  }
  lines.push(`What is wrong: ${change.message}`);
  const finding = change.finding;
  if (!finding) return lines;
  for (const e of finding.evidence) {
    const exit = e.exitStatus === undefined ? '' : ` (exit ${e.exitStatus})`;
    lines.push(`Evidence: ${e.source}: ${e.observed}${exit}`);
  }
  lines.push(
    `Why it matters: ${finding.impact}`,
    `${finding.status === 'FAIL' ? 'Fix' : 'Fix if failing'}: ${finding.remediation}`,
    `Spec: ${finding.specUrl}`,
  );
  return lines;
}

function waivedText(f: Finding): string {
  const w = f.waiver;
  return w ? `waived by ${w.owner} until ${w.expires}: ${w.reason}` : f.message;
}

function digestLines(d: DigestDocument): string[] {
  const lines = [
    `Batch AMI sweep: ${countsLine(d.counts)}.`,
    '',
    `Account: ${d.accountId}, ${d.region}`,
    `Audited: ${d.totals.computeEnvironments} compute environments, ${d.totals.reports} AMIs in use`,
    `Verdicts: ${verdictsLine(d.totals)}`,
  ];
  if (d.totals.waived > 0) lines.push(`Waived findings (not alerting): ${d.totals.waived}`);

  const sections = [
    ['New and changed', (c: ChangeFacts) => c.change !== 'resolved'],
    ['Resolved', (c: ChangeFacts) => c.change === 'resolved'],
  ] as const;
  for (const [title, belongs] of sections) {
    const entries = d.groups.flatMap((g) =>
      g.changes
        .filter((c) => belongs(c))
        .map((c) => {
          const where = `${g.computeEnvironment.name} / ${g.amiId ?? 'AMI not resolved'}`;
          const what = `${CHANGE_LABEL[c.change]} ${c.ruleId} [${c.severity}]`;
          return c.change === 'resolved'
            ? `- ${where}: ${what}: ${resolutionText(c)} (it was: ${c.message})`
            : `- ${where}: ${what} ${changeDetail(c)}: ${c.message}`;
        }),
    );
    if (entries.length > 0) lines.push('', `${title}:`, ...entries);
  }
  if (d.omittedGroups > 0) {
    lines.push(`(${d.omittedGroups} more compute environments changed; see the JSON message.)`);
  }

  if (d.worstOffenders.length > 0) {
    lines.push('', 'Worst offenders now:');
    d.worstOffenders.forEach((o, i) => {
      const rules = o.failedRules.length > 0 ? `: ${o.failedRules.join(', ')}` : '';
      lines.push(
        `${i + 1}. ${o.computeEnvironment.name} / ${o.amiId ?? 'AMI not resolved'}: ${o.verdict} (${o.highestSeverity ?? 'no severity'}), ${o.problems} open${rules}`,
      );
    });
  }
  lines.push('', `Open the compute environments: ${d.consoleUrl}`);
  lines.push('', `-- batch-ami-auditor, audit ${d.auditId}, ${d.generatedAt}`);
  return lines;
}
