/**
 * The Markdown report, for a pull-request comment or a GitHub step summary
 * (`>> "$GITHUB_STEP_SUMMARY"`): a heading with the verdict, a findings table, then the
 * details of every problem and warning.
 */
import type { Verdict } from '../core/engine';
import type { AuditReport } from '../core/report';
import type { Finding, FindingStatus } from '../core/rule';
import {
  isProblem,
  isRun,
  isWaivedProblem,
  isWarning,
  plural,
  type ReportDocument,
  tally,
  verdictCounts,
  waiverNote,
} from './document';
import { oneLine } from './wrap';

const VERDICT_ICON: Readonly<Record<Verdict, string>> = {
  PASS: '✅',
  FAIL: '❌',
  INCONCLUSIVE: '⚠️',
};

const STATUS_ICON: Readonly<Record<FindingStatus, string>> = {
  PASS: '✅',
  FAIL: '❌',
  INCONCLUSIVE: '❔',
  ERROR: '💥',
  NOT_APPLICABLE: '➖',
};

/** Problems first, then warnings, then waived, then passes, then the rest; registry order within each. */
function rank(finding: Finding): number {
  if (isProblem(finding)) return 0;
  if (isWarning(finding)) return 1;
  if (isWaivedProblem(finding)) return 2;
  return finding.status === 'PASS' ? 3 : 4;
}

/** Renders a report or run as GitHub-flavoured Markdown. */
export function renderMarkdown(document: ReportDocument): string {
  if (!isRun(document)) return `${reportBlocks(document, 2).join('\n\n')}\n`;
  const { reports } = document;
  const heading = `## ${VERDICT_ICON[document.verdict]} ${document.verdict}: ${plural(reports.length, 'target')}`;
  const rows = reports.map((r) => {
    const t = tally(r);
    return row([
      `${VERDICT_ICON[r.verdict]} ${r.verdict}`,
      text(r.target.label),
      `${t.problems}`,
      `${t.warnings}`,
    ]);
  });
  const table = [
    row(['Verdict', 'Target', 'Problems', 'Warnings']),
    row(['---', '---', '---:', '---:']),
    ...rows,
  ];
  const blocks = [heading, verdictCounts(reports) || 'No targets were audited.', table.join('\n')];
  for (const report of reports) blocks.push(...reportBlocks(report, 3));
  if (document.notApplicable?.length) {
    blocks.push(
      '### Not applicable (no AMI to audit)',
      document.notApplicable
        .map(({ computeEnvironment, reason }) => `- ${text(computeEnvironment)}: ${text(reason)}`)
        .join('\n'),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function reportBlocks(report: AuditReport, level: number): string[] {
  const h = '#'.repeat(level);
  const t = tally(report);
  const blocks = [
    `${h} ${VERDICT_ICON[report.verdict]} ${report.verdict}: ${text(report.target.label)}`,
    `**${plural(t.problems, 'problem')}**, ${plural(t.warnings, 'warning')}, ${t.waived > 0 ? `${t.waived} waived, ` : ''}${t.passed} passed, ${t.notApplicable} not applicable · batch-ami-auditor ${text(report.tool.version)} · ${report.generatedAt}`,
  ];
  if (report.verdictReason) blocks.push(`> ${text(report.verdictReason)}`);
  if (report.findings.length > 0) blocks.push(findingsTable(report.findings));

  const problems = report.findings.filter(isProblem);
  const warnings = report.findings.filter(isWarning);
  const waived = report.findings.filter(isWaivedProblem);
  if (problems.length > 0) {
    blocks.push(`${h}# Problems`, ...problems.map((f) => findingDetails(f, level + 2)));
  }
  if (warnings.length > 0) {
    blocks.push(
      `${h}# Warnings (not counted in the verdict)`,
      ...warnings.map((f) => findingDetails(f, level + 2)),
    );
  }
  if (waived.length > 0) {
    blocks.push(
      `${h}# Waived (not counted in the verdict)`,
      ...waived.map((f) => findingDetails(f, level + 2)),
    );
  }
  return blocks;
}

function findingsTable(findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  return [
    row(['Status', 'Rule', 'Level', 'Severity', 'Result']),
    row(['---', '---', '---', '---', '---']),
    ...sorted.map((f) =>
      row([
        `${STATUS_ICON[f.status]} ${f.status}${statusSuffix(f)}`,
        code(f.ruleId),
        f.level,
        f.severity,
        text(f.message),
      ]),
    ),
  ].join('\n');
}

function findingDetails(finding: Finding, level: number): string {
  const lines = [
    `${'#'.repeat(Math.min(level, 6))} ${STATUS_ICON[finding.status]} ${code(finding.ruleId)}: ${text(finding.title)}`,
    '',
    `**${finding.status}** (${finding.level}, ${finding.severity}): ${text(finding.message)}`,
  ];
  const waiver = waiverNote(finding);
  if (waiver) lines.push('', `> ${text(waiver)}`);
  if (finding.evidence.length > 0) {
    lines.push('', '**Evidence**', '');
    for (const e of finding.evidence) {
      const exit = e.exitStatus === undefined ? '' : ` (exit ${e.exitStatus})`;
      lines.push(`- ${code(e.source)}: ${code(e.observed)}${exit}`);
    }
  }
  lines.push(
    '',
    `**Impact:** ${text(finding.impact)}`,
    '',
    `**${finding.status === 'FAIL' ? 'Fix' : 'Fix if failing'}:** ${text(finding.remediation)}`,
    '',
    `Spec: <${finding.specUrl.replace(/[<>\s]/g, encodeURIComponent)}>`,
  );
  return lines.join('\n');
}

/** ` (waived)` or ` (waiver expired)` after a status, so the table shows what the verdict ignored. */
function statusSuffix(finding: Finding): string {
  if (!finding.waiver) return '';
  return finding.waiver.expired ? ' (waiver expired)' : ' (waived)';
}

/** A table row. Cells are already escaped; `|` is escaped here because it ends a cell even in code. */
function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** Prose from reports and hosts, on one line, with Markdown and HTML syntax neutralised. */
function text(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_[\]<>#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** An inline code span that holds any text: the fence is longer than any backtick run inside. */
function code(value: string): string {
  const flat = oneLine(value);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
