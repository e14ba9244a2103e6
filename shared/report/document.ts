/**
 * What every renderer needs to know about a report document beyond its fields:
 * single report or run, and which findings are problems (they decide the verdict)
 * and which are warnings (they do not).
 */
import type { Verdict } from '../core/engine';
import type { AuditReport, AuditRun } from '../core/report';
import { type Finding, type FindingStatus, isWaived } from '../core/rule';

/** What a renderer accepts: one target's report, or a multi-target run. */
export type ReportDocument = AuditReport | AuditRun;

/** True for a multi-target run. */
export function isRun(document: ReportDocument): document is AuditRun {
  return 'reports' in document;
}

/** The reports of a document: itself, or the run's reports. */
export function reportsOf(document: ReportDocument): readonly AuditReport[] {
  return isRun(document) ? document.reports : [document];
}

const UNSETTLED: readonly FindingStatus[] = ['FAIL', 'INCONCLUSIVE', 'ERROR'];

/** A required finding that failed or could not be decided, and no waiver covers: it decides the verdict. */
export function isProblem(finding: Finding): boolean {
  return finding.level === 'required' && UNSETTLED.includes(finding.status) && !isWaived(finding);
}

/** A recommended or advisory finding that failed or could not be decided: reported, not gating. */
export function isWarning(finding: Finding): boolean {
  return finding.level !== 'required' && UNSETTLED.includes(finding.status) && !isWaived(finding);
}

/** A finding that failed or could not be decided, under a waiver in force: reported, not gating. */
export function isWaivedProblem(finding: Finding): boolean {
  return UNSETTLED.includes(finding.status) && isWaived(finding);
}

/** `waived by ops@example.com until 2027-03-31: reason`, or how an expired waiver reads. */
export function waiverNote(finding: Finding): string | undefined {
  const waiver = finding.waiver;
  if (!waiver) return undefined;
  return waiver.expired
    ? `Waiver expired on ${waiver.expires} (owner ${waiver.owner}; it said: ${waiver.reason}); the finding counts again`
    : `Waived by ${waiver.owner} until ${waiver.expires}: ${waiver.reason}`;
}

/** Counts a reader wants at a glance. */
export interface Tally {
  readonly problems: number;
  readonly warnings: number;
  readonly waived: number;
  readonly passed: number;
  readonly notApplicable: number;
  readonly total: number;
}

export function tally(report: AuditReport): Tally {
  return {
    problems: report.findings.filter(isProblem).length,
    warnings: report.findings.filter(isWarning).length,
    waived: report.findings.filter(isWaivedProblem).length,
    passed: report.summary.byStatus.PASS,
    notApplicable: report.summary.byStatus.NOT_APPLICABLE,
    total: report.summary.total,
  };
}

/** `1 problem`, `2 warnings`: a count with its noun, singular or plural. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `1 FAIL, 2 PASS`: how many reports got each verdict, worst first, zero counts left out. */
export function verdictCounts(reports: readonly AuditReport[]): string {
  const order: readonly Verdict[] = ['FAIL', 'INCONCLUSIVE', 'PASS'];
  return order
    .map((verdict) => [verdict, reports.filter((r) => r.verdict === verdict).length] as const)
    .filter(([, n]) => n > 0)
    .map(([verdict, n]) => `${n} ${verdict}`)
    .join(', ');
}
