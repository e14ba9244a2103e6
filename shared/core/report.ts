/**
 * The audit report: the one result set every output format is rendered from.
 * Its JSON form is a public, versioned contract (see `docs/report-schema.md`).
 */
import type { Verdict } from './engine';
import { highestSeverity, verdictOf } from './engine';
import { type Finding, type FindingStatus, isWaived, type Severity } from './rule';

export const REPORT_SCHEMA_VERSION = 1;

/** What was audited. */
export interface AuditTarget {
  readonly kind: 'host' | 'ami';
  /** A short label for people, e.g. `ami-0abc… (my-ce)` or the hostname. */
  readonly label: string;
  readonly amiId?: string;
  readonly hostname?: string;
  readonly computeEnvironment?: { readonly name: string; readonly arn?: string };
  /** Where the AMI came from, e.g. `launchTemplate lt-0abc@$Default` or `ec2Configuration[ECS_AL2023]`. */
  readonly origin?: string;
  readonly region?: string;
  readonly accountId?: string;
}

export interface FindingSummary {
  readonly total: number;
  readonly byStatus: Readonly<Record<FindingStatus, number>>;
  /** Findings a waiver in force covers (they keep their status, and are counted in `byStatus` too). */
  readonly waived: number;
  /** Most severe severity among FAIL, INCONCLUSIVE and ERROR findings no waiver covers. */
  readonly highestSeverity: Severity | null;
}

export interface AuditReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'batch-ami-auditor'; readonly version: string };
  readonly generatedAt: string;
  readonly target: AuditTarget;
  readonly verdict: Verdict;
  /** Why the verdict is INCONCLUSIVE or FAIL without host facts (e.g. the probe never came online). */
  readonly verdictReason?: string;
  readonly summary: FindingSummary;
  readonly findings: readonly Finding[];
}

/** Several targets audited in one run (`ce`, `sweep`). */
export interface AuditRun {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'batch-ami-auditor'; readonly version: string };
  readonly generatedAt: string;
  /** The worst verdict among the reports (FAIL > INCONCLUSIVE > PASS). */
  readonly verdict: Verdict;
  readonly reports: readonly AuditReport[];
  /** Compute environments with no AMI to audit (Fargate, EKS), and why. Absent when none. */
  readonly notApplicable?: readonly NotApplicableTarget[];
}

export interface NotApplicableTarget {
  readonly computeEnvironment: string;
  readonly reason: string;
}

export function summarise(findings: readonly Finding[]): FindingSummary {
  const byStatus: Record<FindingStatus, number> = {
    PASS: 0,
    FAIL: 0,
    INCONCLUSIVE: 0,
    NOT_APPLICABLE: 0,
    ERROR: 0,
  };
  for (const finding of findings) byStatus[finding.status] += 1;
  return {
    total: findings.length,
    byStatus,
    waived: findings.filter(isWaived).length,
    highestSeverity: highestSeverity(findings) ?? null,
  };
}

export interface BuildReportInput {
  readonly target: AuditTarget;
  readonly findings: readonly Finding[];
  readonly toolVersion: string;
  readonly now: Date;
  readonly verdictReason?: string;
}

export function buildReport(input: BuildReportInput): AuditReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'batch-ami-auditor', version: input.toolVersion },
    generatedAt: input.now.toISOString(),
    target: input.target,
    verdict: verdictOf(input.findings),
    ...(input.verdictReason ? { verdictReason: input.verdictReason } : {}),
    summary: summarise(input.findings),
    findings: input.findings,
  };
}

const VERDICT_RANK: Readonly<Record<Verdict, number>> = { PASS: 0, INCONCLUSIVE: 1, FAIL: 2 };

/** The worst of several verdicts; PASS for none. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>(
    (worst, v) => (VERDICT_RANK[v] > VERDICT_RANK[worst] ? v : worst),
    'PASS',
  );
}

export function buildRun(
  reports: readonly AuditReport[],
  toolVersion: string,
  now: Date,
  notApplicable: readonly NotApplicableTarget[] = [],
): AuditRun {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'batch-ami-auditor', version: toolVersion },
    generatedAt: now.toISOString(),
    verdict: worstVerdict(reports.map((r) => r.verdict)),
    reports,
    ...(notApplicable.length > 0 ? { notApplicable } : {}),
  };
}
