/**
 * The rule contract. A rule is pure: it reads an {@link AuditSubject} and
 * returns a {@link RuleResult}. Metadata lives beside the check so the
 * catalogue (`docs/rules.md`, `batch-ami-audit rules`) is generated from it.
 */
import type { AuditSubject } from './subject';

/** How much the spec insists. Only `required` rules decide the verdict. */
export type RuleLevel = 'required' | 'recommended' | 'advisory';

/** How urgent a finding is, for humans and for alert routing. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * Which part of the subject a rule judges: `resolution` (could the compute environment's AMI be
 * found at all), `image` (DescribeImages), `host` (collector facts), `join` (the ECS join test).
 */
export type RuleScope = 'resolution' | 'image' | 'host' | 'join';

/** Outcome of one rule. ERROR is reserved for the engine (the rule threw). */
export type RuleStatus = 'PASS' | 'FAIL' | 'INCONCLUSIVE' | 'NOT_APPLICABLE';
export type FindingStatus = RuleStatus | 'ERROR';

/** One piece of evidence: what was looked at and what it said. */
export interface Evidence {
  /** File or command, e.g. `file:/etc/ecs/ecs.config`, `cmd:uname -r`, `ec2:DescribeImages`. */
  readonly source: string;
  /** What was observed there, short and already redacted. */
  readonly observed: string;
  readonly exitStatus?: number;
}

export interface RuleResult {
  readonly status: RuleStatus;
  /** One sentence a person reads first: what is wrong (or right), concretely. */
  readonly message: string;
  readonly evidence: readonly Evidence[];
  /**
   * The level this finding is judged at when the context raises it above the rule's
   * default (e.g. multi-node compatibility is advisory unless the CE runs multi-node jobs).
   */
  readonly level?: RuleLevel;
}

/** What each status means for one rule, for the catalogue (`docs/rules.md`). */
export interface RuleOutcomes {
  readonly pass: string;
  readonly fail: string;
  readonly inconclusive: string;
  /** Only for rules that can be NOT_APPLICABLE. */
  readonly notApplicable?: string;
}

export interface Rule {
  /** Stable id, kebab-case, equal to the rule's file name. Never reuse a retired id. */
  readonly id: string;
  readonly title: string;
  readonly scope: RuleScope;
  readonly level: RuleLevel;
  readonly severity: Severity;
  /** The clause of the AWS Batch documentation the rule enforces, quoted, and where it lives. */
  readonly spec: { readonly quote: string; readonly url: string };
  /** What goes wrong in Batch when the rule fails (jobs stuck in RUNNABLE, CE INVALID, …). */
  readonly impact: string;
  /** How to fix it, in steps a platform engineer can follow. */
  readonly remediation: string;
  /** What PASS, FAIL and INCONCLUSIVE mean for this rule (the registry meta-test requires it). */
  readonly outcomes?: RuleOutcomes;
  check(subject: AuditSubject): RuleResult;
}

/**
 * A waiver that matched a finding (see docs/waivers.md): someone accepted the risk, for a reason,
 * until a date. The finding keeps its status; while the waiver is in force it neither decides the
 * verdict nor alerts. An expired waiver stays on the finding, so reports say it expired.
 */
export interface FindingWaiver {
  readonly reason: string;
  readonly owner: string;
  /** The last day the waiver applies, `YYYY-MM-DD` (UTC, inclusive). */
  readonly expires: string;
  /** True once `expires` has passed: the waiver no longer applies and the finding counts again. */
  readonly expired: boolean;
}

/** A rule's result, joined with the rule's metadata, as reports carry it. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly scope: RuleScope;
  readonly level: RuleLevel;
  readonly severity: Severity;
  readonly status: FindingStatus;
  readonly message: string;
  readonly evidence: readonly Evidence[];
  readonly remediation: string;
  readonly impact: string;
  readonly specUrl: string;
  /** The waiver that matched this finding, in force or expired; absent when none matched. */
  readonly waiver?: FindingWaiver;
}

/** True when a waiver in force covers `finding`: it is reported, but neither gates nor alerts. */
export function isWaived(finding: Finding): boolean {
  return finding.waiver !== undefined && !finding.waiver.expired;
}

/** Result helpers, so rules read as prose. */
export const pass = (message: string, evidence: readonly Evidence[] = []): RuleResult => ({
  status: 'PASS',
  message,
  evidence,
});
export const fail = (message: string, evidence: readonly Evidence[] = []): RuleResult => ({
  status: 'FAIL',
  message,
  evidence,
});
export const inconclusive = (message: string, evidence: readonly Evidence[] = []): RuleResult => ({
  status: 'INCONCLUSIVE',
  message,
  evidence,
});
export const notApplicable = (message: string): RuleResult => ({
  status: 'NOT_APPLICABLE',
  message,
  evidence: [],
});
