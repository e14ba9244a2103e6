/**
 * Builds the notification documents from transitions: one findings document per compute
 * environment and AMI whose findings changed, or one digest per sweep. Pure.
 */
import type { Verdict } from '../core/engine';
import { type AuditReport, worstVerdict } from '../core/report';
import { type Finding, isWaived, SEVERITIES, type Severity } from '../core/rule';
import type { NotificationRun } from '../pipeline/ports';
import { computeEnvironmentUrl } from './console-links';
import {
  DIGEST_TYPE,
  type DigestDocument,
  type DigestGroup,
  FINDINGS_TYPE,
  type FindingChange,
  type FindingsDocument,
  NOTIFICATION_SCHEMA_VERSION,
  type Offender,
} from './document-schema';
import { isTracked, UNRESOLVED_AMI } from './finding-state';
import type { ChangeKind, Transition } from './transitions';

/** The announced transitions of one compute environment and AMI. */
export interface FindingGroup {
  readonly computeEnvironment: { readonly name: string; readonly arn?: string };
  /** The AMI, or {@link UNRESOLVED_AMI}. */
  readonly amiId: string;
  /** This run's report for the pair, when there is one (not for a replaced AMI or deleted CE). */
  readonly report?: AuditReport;
  readonly routingTags: Readonly<Record<string, string>>;
  readonly transitions: readonly Transition[];
}

/** The worst offenders a digest lists. */
const MAX_OFFENDERS = 5;

const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);
const CHANGE_ORDER: readonly ChangeKind[] = ['new', 'regressed', 'changed', 'resolved'];

/** Groups the transitions people are told about by compute environment and AMI, in name order. */
export function groupTransitions(transitions: readonly Transition[]): FindingGroup[] {
  const groups = new Map<string, Transition[]>();
  for (const t of transitions.filter((t) => t.notify)) {
    const key = `${t.state.computeEnvironment}#${t.state.amiId}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, members]) => {
      const [first] = members as [Transition];
      const report = members.find((t) => t.report)?.report;
      const arn = first.state.computeEnvironmentArn;
      return {
        computeEnvironment: { name: first.state.computeEnvironment, ...(arn ? { arn } : {}) },
        amiId: first.state.amiId,
        ...(report ? { report } : {}),
        routingTags: first.state.routingTags,
        transitions: members,
      };
    });
}

/** What a findings document says about the run beyond the group. */
export interface RunContext {
  readonly auditId: string;
  readonly kind: NotificationRun['kind'];
  readonly accountId: string;
  readonly region: string;
  readonly now: Date;
}

/**
 * The findings document of one group.
 *
 * @example
 * const documents = groupTransitions(transitions).map((g) => buildFindingsDocument(g, context));
 */
export function buildFindingsDocument(group: FindingGroup, context: RunContext): FindingsDocument {
  const changes = group.transitions.map(toChange).sort(byUrgency);
  const report = group.report;
  const problems = sortBySeverity(
    report?.findings.filter((f) => isTracked(f) && !isWaived(f)) ?? [],
  );
  return {
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    type: FINDINGS_TYPE,
    auditId: context.auditId,
    runKind: context.kind,
    generatedAt: context.now.toISOString(),
    event: changes.every((c) => c.change === 'resolved') ? 'resolved' : 'alert',
    verdict: report?.verdict ?? null,
    verdictReason: report?.verdictReason ?? null,
    highestSeverity: highestOf(changes),
    computeEnvironment: group.computeEnvironment,
    amiId: group.amiId === UNRESOLVED_AMI ? null : group.amiId,
    origin: report?.target.origin ?? group.transitions[0]?.state.origin ?? null,
    region: context.region,
    accountId: context.accountId,
    routingTags: { ...group.routingTags },
    failedRules: problems.filter((f) => f.status === 'FAIL').map((f) => f.ruleId),
    counts: countChanges(changes),
    changes,
    problems,
    waived: report?.findings.filter((f) => isTracked(f) && isWaived(f)) ?? [],
    consoleUrl: computeEnvironmentUrl(context.region, group.computeEnvironment.arn),
    report: report ?? null,
  };
}

/**
 * The digest of a sweep: totals, every announced change by compute environment and AMI, and the
 * worst offenders now (whether or not they changed).
 */
export function buildDigestDocument(
  run: NotificationRun,
  transitions: readonly Transition[],
  now: Date,
): DigestDocument {
  const groups = groupTransitions(transitions).map(
    (group): DigestGroup => ({
      computeEnvironment: group.computeEnvironment,
      amiId: group.amiId === UNRESOLVED_AMI ? null : group.amiId,
      verdict: group.report?.verdict ?? null,
      routingTags: { ...group.routingTags },
      changes: group.transitions
        .map(toChange)
        .sort(byUrgency)
        .map(({ finding: _finding, ...change }) => change),
    }),
  );
  const changes = groups.flatMap((g) => g.changes);
  const count = (verdict: Verdict) => run.reports.filter((r) => r.verdict === verdict).length;
  return {
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    type: DIGEST_TYPE,
    auditId: run.auditId,
    generatedAt: now.toISOString(),
    region: run.region,
    accountId: run.accountId,
    verdict: worstVerdict(run.reports.map((r) => r.verdict)),
    highestSeverity: highestOf(changes),
    totals: {
      computeEnvironments: run.scope.length,
      reports: run.reports.length,
      verdicts: { PASS: count('PASS'), FAIL: count('FAIL'), INCONCLUSIVE: count('INCONCLUSIVE') },
      waived: run.reports.reduce((sum, r) => sum + r.summary.waived, 0),
    },
    counts: countChanges(changes),
    groups,
    omittedGroups: 0,
    worstOffenders: worstOffenders(run.reports),
    consoleUrl: computeEnvironmentUrl(run.region),
  };
}

function toChange(t: Transition): FindingChange {
  const previous = t.previous && t.change !== 'new' ? t.previous : undefined;
  return {
    change: t.change,
    ruleId: t.state.ruleId,
    title: t.state.title,
    level: t.state.level,
    severity: t.state.severity,
    status: t.state.status,
    previous: previous ? { status: previous.status, severity: previous.severity } : null,
    resolution: t.resolution ?? null,
    // A resolved finding's current message says it passes; people need what was wrong.
    message: t.change === 'resolved' ? (t.previous?.message ?? t.state.message) : t.state.message,
    finding: t.finding ?? null,
  };
}

function byUrgency(a: FindingChange, b: FindingChange): number {
  return (
    CHANGE_ORDER.indexOf(a.change) - CHANGE_ORDER.indexOf(b.change) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return findings.toSorted((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

function highestOf(changes: readonly { readonly severity: Severity }[]): Severity | null {
  return SEVERITIES.find((s) => changes.some((c) => c.severity === s)) ?? null;
}

function countChanges(changes: readonly { readonly change: ChangeKind }[]) {
  const n = (...kinds: ChangeKind[]) => changes.filter((c) => kinds.includes(c.change)).length;
  return { new: n('new', 'regressed'), changed: n('changed'), resolved: n('resolved') };
}

const VERDICT_RANK: Readonly<Record<Verdict, number>> = { FAIL: 0, INCONCLUSIVE: 1, PASS: 2 };

function worstOffenders(reports: readonly AuditReport[]): Offender[] {
  return reports
    .filter((r) => r.verdict !== 'PASS' && r.target.computeEnvironment)
    .map((r) => {
      const problems = r.findings.filter((f) => isTracked(f) && !isWaived(f));
      return {
        report: r,
        offender: {
          computeEnvironment: r.target.computeEnvironment ?? { name: r.target.label },
          amiId: r.target.amiId ?? null,
          verdict: r.verdict,
          highestSeverity: r.summary.highestSeverity,
          failedRules: problems.filter((f) => f.status === 'FAIL').map((f) => f.ruleId),
          problems: problems.length,
        },
      };
    })
    .sort(
      (a, b) =>
        VERDICT_RANK[a.report.verdict] - VERDICT_RANK[b.report.verdict] ||
        severityRank(a.report.summary.highestSeverity ?? 'info') -
          severityRank(b.report.summary.highestSeverity ?? 'info') ||
        b.offender.problems - a.offender.problems ||
        a.offender.computeEnvironment.name.localeCompare(b.offender.computeEnvironment.name),
    )
    .slice(0, MAX_OFFENDERS)
    .map(({ offender }) => offender);
}
