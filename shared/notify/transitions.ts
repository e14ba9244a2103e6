/**
 * Change detection, pure: the states people were last told about, plus one audit run, give the
 * transitions to announce and the states to record.
 *
 * - A tracked finding (see {@link isTracked}) never seen before is `new`; one seen resolved
 *   before is `regressed`; one whose status, severity or waiver changed is `changed`; an open
 *   one that this run found fixed, or whose AMI or compute environment is gone, is `resolved`.
 * - People are told (`notify`) about what is open and not waived, and once when it resolves.
 *   A waived finding is recorded silently; when its waiver lapses it is announced as `changed`.
 * - Resolution is scoped to what the run evaluated (prowler#1626): a finding of a compute
 *   environment, an AMI or a rule the run did not look at stays as it was.
 */
import type { AuditReport } from '../core/report';
import { type Finding, isWaived } from '../core/rule';
import type { EvaluatedComputeEnvironment, NotificationRun } from '../pipeline/ports';
import {
  amiKeyOf,
  type FindingState,
  findingKey,
  isOpen,
  isTracked,
  type OpenStatus,
  stateKey,
  UNRESOLVED_AMI,
} from './finding-state';

/** What happened to a finding since people were last told. */
export type ChangeKind = 'new' | 'regressed' | 'changed' | 'resolved';

/** Why an open finding resolved. */
export type Resolution =
  /** The rule now passes (or no longer applies) for the same AMI. */
  | 'passes'
  /** The compute environment no longer launches this AMI (it moved to another image). */
  | 'ami-replaced'
  | 'compute-environment-deleted'
  /** The rule still reports a problem, but no longer at the required level. */
  | 'no-longer-required';

/** One finding's change, and the state to record for it. */
export interface Transition {
  readonly change: ChangeKind;
  /** True when people are told about it; false for waived findings, which are only recorded. */
  readonly notify: boolean;
  /** The state to record. */
  readonly state: FindingState;
  readonly previous?: FindingState;
  /** The finding as this run reported it, when it did. */
  readonly finding?: Finding;
  /** The report the finding belongs to, when this run produced one for its (compute environment, AMI). */
  readonly report?: AuditReport;
  readonly resolution?: Resolution;
}

/** How transitions are detected. */
export interface DetectOptions {
  /** Tag names that route alerts (e.g. `team`); other tags are not recorded. */
  readonly routingTagNames: readonly string[];
  readonly now: Date;
}

/**
 * The transitions of `run` against `previous` (states of the same account and region).
 *
 * @example
 * const transitions = detectTransitions(await store.load(query), run, { routingTagNames: ['team'], now });
 * const toAnnounce = transitions.filter((t) => t.notify);
 */
export function detectTransitions(
  previous: readonly FindingState[],
  run: NotificationRun,
  options: DetectOptions,
): Transition[] {
  const known = new Map(
    previous
      .filter((s) => s.accountId === run.accountId && s.region === run.region)
      .map((s) => [stateKey(s), s]),
  );
  const scope = new Map(run.scope.map((ce) => [ce.name, ce]));
  const reports = new Map<string, AuditReport>();
  const seen = new Set<string>();
  const transitions: Transition[] = [];

  for (const report of run.reports) {
    const ce = report.target.computeEnvironment;
    if (!ce) continue; // host audits have no compute environment to key findings by
    reports.set(`${ce.name}#${amiKeyOf(report)}`, report);
    for (const finding of report.findings.filter(isTracked)) {
      const key = findingKey(ce.name, amiKeyOf(report), finding.ruleId);
      seen.add(key);
      const transition = compare(known.get(key), finding, report, scope.get(ce.name), run, options);
      if (transition) transitions.push(transition);
    }
  }

  for (const [key, state] of known) {
    if (seen.has(key) || !isOpen(state)) continue;
    const resolved = resolution(state, scope.get(state.computeEnvironment), reports, run);
    if (!resolved) continue;
    transitions.push({
      change: 'resolved',
      notify: !state.waived,
      previous: state,
      resolution: resolved.why,
      ...(resolved.report ? { report: resolved.report } : {}),
      ...(resolved.finding ? { finding: resolved.finding } : {}),
      state: {
        ...state,
        status: 'RESOLVED',
        observedAt: options.now.toISOString(),
        auditId: run.auditId,
      },
    });
  }
  return transitions;
}

function compare(
  previous: FindingState | undefined,
  finding: Finding,
  report: AuditReport,
  scope: EvaluatedComputeEnvironment | undefined,
  run: NotificationRun,
  options: DetectOptions,
): Transition | undefined {
  const waived = isWaived(finding);
  const reopened = !previous || !isOpen(previous);
  if (
    !reopened &&
    previous.status === finding.status &&
    previous.severity === finding.severity &&
    previous.waived === waived
  ) {
    return undefined; // unchanged: silent, and nothing to write
  }
  const target = report.target;
  const ce = target.computeEnvironment ?? { name: '' };
  const arn = ce.arn ?? scope?.arn ?? previous?.computeEnvironmentArn;
  const state: FindingState = {
    accountId: run.accountId,
    region: run.region,
    computeEnvironment: ce.name,
    ...(arn ? { computeEnvironmentArn: arn } : {}),
    amiId: amiKeyOf(report),
    ruleId: finding.ruleId,
    status: finding.status as OpenStatus,
    severity: finding.severity,
    level: finding.level,
    waived,
    title: finding.title,
    message: finding.message,
    ...(target.origin ? { origin: target.origin } : {}),
    routingTags: routingTags(scope, previous, options.routingTagNames),
    firstSeenAt: reopened ? report.generatedAt : previous.firstSeenAt,
    observedAt: report.generatedAt,
    auditId: run.auditId,
  };
  return {
    change: !previous ? 'new' : reopened ? 'regressed' : 'changed',
    notify: !waived,
    state,
    finding,
    report,
    ...(previous ? { previous } : {}),
  };
}

function resolution(
  state: FindingState,
  scope: EvaluatedComputeEnvironment | undefined,
  reports: ReadonlyMap<string, AuditReport>,
  run: NotificationRun,
): { why: Resolution; report?: AuditReport; finding?: Finding } | undefined {
  if (!scope) return run.complete ? { why: 'compute-environment-deleted' } : undefined;
  if (run.kind === 'deleted') return { why: 'compute-environment-deleted' };

  const report = reports.get(`${state.computeEnvironment}#${state.amiId}`);
  if (report) {
    const finding = report.findings.find((f) => f.ruleId === state.ruleId);
    if (!finding) return undefined; // the rule was not evaluated this time (no host facts yet)
    const passes = finding.status === 'PASS' || finding.status === 'NOT_APPLICABLE';
    return { why: passes ? 'passes' : 'no-longer-required', report, finding };
  }
  if (scope.amiIds === undefined) return undefined; // the run judged only the AMIs it reported
  if (state.amiId === UNRESOLVED_AMI) return { why: 'passes' }; // its AMI resolves now
  // Still launched but without a report: handed to the probe, which will judge it.
  return scope.amiIds.includes(state.amiId) ? undefined : { why: 'ami-replaced' };
}

function routingTags(
  scope: EvaluatedComputeEnvironment | undefined,
  previous: FindingState | undefined,
  names: readonly string[],
): Readonly<Record<string, string>> {
  if (!scope?.tags) return previous?.routingTags ?? {};
  const tags = scope.tags;
  return Object.fromEntries(names.flatMap((name) => (tags[name] ? [[name, tags[name]]] : [])));
}
