/**
 * Marks the findings of a report that a waiver covers, and re-derives the verdict and summary.
 * Pure: the same report, waivers and day give the same result.
 */
import { verdictOf } from '../core/engine';
import { type AuditReport, summarise } from '../core/report';
import type { Finding, FindingWaiver } from '../core/rule';
import { waiverCovers } from './match';
import type { Waiver } from './schema';

const WAIVABLE: ReadonlySet<Finding['status']> = new Set(['FAIL', 'INCONCLUSIVE', 'ERROR']);

/**
 * True once the last day of the waiver (`expires`, UTC, inclusive) is over at `now`.
 *
 * @example
 * isExpired('2027-03-31', new Date('2027-03-31T23:59:59Z')); // false
 * isExpired('2027-03-31', new Date('2027-04-01T00:00:00Z')); // true
 */
export function isExpired(expires: string, now: Date): boolean {
  return now.toISOString().slice(0, 10) > expires;
}

/**
 * The report with each FAIL, INCONCLUSIVE or ERROR finding that a waiver covers carrying that
 * waiver (`finding.waiver`), its verdict and summary recomputed. A waiver in force wins over an
 * expired one, then file order decides. PASS and NOT_APPLICABLE findings are never marked: there
 * is nothing to waive. Returns `report` itself when no waiver applies.
 *
 * @example
 * const report = applyWaivers(audit, parseWaiverFile(text, 'waivers.yml'), new Date());
 */
export function applyWaivers(
  report: AuditReport,
  waivers: readonly Waiver[],
  now: Date,
): AuditReport {
  if (waivers.length === 0) return report;
  let changed = false;
  const findings = report.findings.map((finding) => {
    if (!WAIVABLE.has(finding.status)) return finding;
    const waiver = chooseWaiver(
      waivers.filter((w) => waiverCovers(w, report.target, finding)),
      now,
    );
    if (!waiver) return finding;
    changed = true;
    return { ...finding, waiver };
  });
  if (!changed) return report;
  return { ...report, verdict: verdictOf(findings), summary: summarise(findings), findings };
}

function chooseWaiver(candidates: readonly Waiver[], now: Date): FindingWaiver | undefined {
  const marked = candidates.map(
    (w): FindingWaiver => ({
      reason: w.reason,
      owner: w.owner,
      expires: w.expires,
      expired: isExpired(w.expires, now),
    }),
  );
  return marked.find((w) => !w.expired) ?? marked[0];
}
