/**
 * The engine: runs every rule against a subject and derives the verdict.
 * A rule that throws becomes an ERROR finding; it never aborts the audit.
 */
import type { Finding, FindingStatus, Rule, Severity } from './rule';
import { isWaived, SEVERITIES } from './rule';
import type { AuditSubject } from './subject';

export type Verdict = 'PASS' | 'FAIL' | 'INCONCLUSIVE';

/**
 * Runs `rules` in registry order. Callers choose the rules for the depth of the
 * audit (see `rulesFor` in shared/rules): an image-only audit runs no host rules
 * rather than reporting them all INCONCLUSIVE. Deterministic: same subject, same findings, same order.
 */
export function evaluate(subject: AuditSubject, rules: readonly Rule[]): Finding[] {
  return rules.map((rule) => runRule(rule, subject));
}

function runRule(rule: Rule, subject: AuditSubject): Finding {
  const base = {
    ruleId: rule.id,
    title: rule.title,
    scope: rule.scope,
    level: rule.level,
    severity: rule.severity,
    remediation: rule.remediation,
    impact: rule.impact,
    specUrl: rule.spec.url,
  };
  try {
    const result = rule.check(subject);
    return {
      ...base,
      level: result.level ?? rule.level,
      status: result.status,
      message: result.message,
      evidence: result.evidence,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      status: 'ERROR',
      message: `The rule could not be evaluated: ${reason}`,
      evidence: [],
    };
  }
}

/**
 * FAIL if a required rule failed; else INCONCLUSIVE if a required rule was
 * inconclusive or errored; else PASS. Recommended and advisory rules never
 * change the verdict: they are reported as warnings. Nor do waived findings
 * (a waiver in force); an expired waiver no longer shields its finding.
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  const required = findings.filter((f) => f.level === 'required' && !isWaived(f));
  if (required.some((f) => f.status === 'FAIL')) return 'FAIL';
  if (required.some((f) => f.status === 'INCONCLUSIVE' || f.status === 'ERROR')) {
    return 'INCONCLUSIVE';
  }
  return 'PASS';
}

const PROBLEM_STATUSES: readonly FindingStatus[] = ['FAIL', 'INCONCLUSIVE', 'ERROR'];

/**
 * The most severe severity among findings that are a problem, or undefined when none is.
 * Waived findings are left out: severity routes alerts, and a waived finding does not alert.
 */
export function highestSeverity(findings: readonly Finding[]): Severity | undefined {
  const problems = findings.filter((f) => PROBLEM_STATUSES.includes(f.status) && !isWaived(f));
  return SEVERITIES.find((s) => problems.some((f) => f.severity === s));
}

/** Ids of the rules that failed, in registry order. */
export function failedRuleIds(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.status === 'FAIL').map((f) => f.ruleId);
}
