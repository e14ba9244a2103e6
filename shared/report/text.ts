/**
 * The terminal report: verdict first, then what needs fixing, then warnings, then a one-line
 * summary. Fits 100 columns; colour comes only from the injected {@link Paint}.
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
import { type Paint, PLAIN, type StyleFormat } from './paint';
import { oneLine, wrap } from './wrap';

export interface TextOptions {
  /** Colour; {@link PLAIN} (the default) for none. */
  readonly paint?: Paint;
  /** Columns to wrap at (default 100). */
  readonly width?: number;
}

const VERDICT_STYLE: Readonly<Record<Verdict, StyleFormat>> = {
  PASS: ['bold', 'green'],
  FAIL: ['bold', 'red'],
  INCONCLUSIVE: ['bold', 'yellow'],
};

const STATUS_STYLE: Readonly<Record<FindingStatus, StyleFormat>> = {
  PASS: 'green',
  FAIL: 'red',
  INCONCLUSIVE: 'yellow',
  ERROR: 'magenta',
  NOT_APPLICABLE: 'gray',
};

interface Layout {
  readonly paint: Paint;
  readonly width: number;
}

/**
 * Renders a report or run for a terminal.
 *
 * @example
 * process.stdout.write(renderText(report, { paint: paintFor(process.stdout) }));
 */
export function renderText(document: ReportDocument, options: TextOptions = {}): string {
  const layout: Layout = { paint: options.paint ?? PLAIN, width: options.width ?? 100 };
  if (!isRun(document)) return `${reportLines(document, layout).join('\n')}\n`;

  const { reports } = document;
  const overall = `${layout.paint(VERDICT_STYLE[document.verdict], document.verdict)} for ${plural(reports.length, 'target')} (${verdictCounts(reports) || 'none audited'})`;
  const lines = [`Verdict: ${overall}`];
  reports.forEach((report, i) => {
    const rule = `── ${i + 1}/${reports.length} `;
    lines.push(
      '',
      layout.paint('dim', rule.padEnd(layout.width, '─')),
      ...reportLines(report, layout),
    );
  });
  if (document.notApplicable?.length) {
    lines.push('', 'Not applicable (no AMI to audit)');
    for (const { computeEnvironment, reason } of document.notApplicable) {
      lines.push(...wrap(`${computeEnvironment}: ${reason}`, layout.width, 2, 4));
    }
  }
  lines.push('', `Overall: ${overall}`);
  return `${lines.join('\n')}\n`;
}

function reportLines(report: AuditReport, layout: Layout): string[] {
  const { paint, width } = layout;
  const verdict = paint(VERDICT_STYLE[report.verdict], report.verdict);
  const lines = [`Verdict: ${verdict} for ${oneLine(report.target.label)}`];
  if (report.verdictReason) lines.push(...wrap(`Reason: ${report.verdictReason}`, width, 0, 2));

  const problems = report.findings.filter(isProblem);
  const warnings = report.findings.filter(isWarning);
  const waived = report.findings.filter(isWaivedProblem);
  if (problems.length > 0) {
    lines.push('', paint('bold', `Problems (${problems.length})`));
    for (const finding of problems) lines.push(...findingLines(finding, layout));
  }
  if (warnings.length > 0) {
    lines.push('', paint('bold', `Warnings (${warnings.length}, not counted in the verdict)`));
    for (const finding of warnings) lines.push(...findingLines(finding, layout));
  }
  if (waived.length > 0) {
    lines.push('', paint('bold', `Waived (${waived.length}, not counted in the verdict)`));
    for (const finding of waived) lines.push(...findingLines(finding, layout));
  }

  const t = tally(report);
  const summary = [
    plural(t.problems, 'problem'),
    plural(t.warnings, 'warning'),
    ...(t.waived > 0 ? [`${t.waived} waived`] : []),
    `${t.passed} passed`,
    `${t.notApplicable} not applicable`,
  ].join(', ');
  lines.push(
    '',
    ...wrap(`Summary: ${report.verdict}: ${summary} (${plural(t.total, 'rule')})`, width, 0, 2),
    paint('dim', `batch-ami-auditor ${report.tool.version}, ${report.generatedAt}`),
  );
  return lines;
}

function findingLines(finding: Finding, { paint, width }: Layout): string[] {
  const status = finding.status;
  const heading = wrap(
    `${status} ${finding.ruleId}: ${finding.title} [${finding.level}, ${finding.severity}]`,
    width,
    2,
    4,
  );
  // Colour only the status word, after wrapping, so escape codes do not count as columns.
  heading[0] = `  ${paint(STATUS_STYLE[status], status)}${heading[0]?.slice(2 + status.length)}`;
  const body = [finding.message];
  const waiver = waiverNote(finding);
  if (waiver) body.push(waiver);
  for (const e of finding.evidence) {
    const exit = e.exitStatus === undefined ? '' : ` (exit ${e.exitStatus})`;
    body.push(`Evidence: ${e.source}: ${e.observed}${exit}`);
  }
  // Remediation fixes a failure; for an undecided finding it is what to do if it turns out failing.
  body.push(`${status === 'FAIL' ? 'Fix' : 'Fix if failing'}: ${finding.remediation}`);
  return [heading, ...body.map((text) => wrap(text, width, 4, 6))].flat();
}
