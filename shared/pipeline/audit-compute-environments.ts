/**
 * The audit pipeline for compute environments, shared by the change handler,
 * the sweep and the CLI: resolve every AMI each compute environment can
 * launch, describe every AMI once, judge it for each compute environment that
 * uses it, and hand AMIs that pass the image rules to the probe (or to the
 * facts an earlier probe cached).
 */
import { evaluate } from '../core/engine';
import { type AuditReport, type AuditTarget, buildReport } from '../core/report';
import type { AuditSubject, ImageFacts } from '../core/subject';
import { type ProbeWaves, startDelaySeconds } from '../probe/waves';
import type { ComputeEnvironment } from '../resolve/compute-environment';
import { contextForTarget } from '../resolve/resolve-targets';
import type { ResolvedTarget } from '../resolve/types';
import { rulesFor } from '../rules/index';
import { TOOL_VERSION } from '../version';
import { BASELINE_PARAMETERS, baselineFor } from './baselines';
import { describeOrigin } from './describe-origin';
import type {
  AccountReader,
  CachedProbeFacts,
  EvaluatedComputeEnvironment,
  FactsCache,
  ProbeLauncher,
  ProbeRequest,
  ProbeTarget,
} from './ports';
import { resolveComputeEnvironments } from './resolve-compute-environments';
import { type Log, SILENT_LOG } from './telemetry';

export interface AuditDeps {
  readonly reader: AccountReader;
  readonly region: string;
  readonly accountId: string;
  readonly now: () => Date;
  readonly log?: Log;
  /** Facts from earlier probes; with them, host and join rules are judged without a new probe. */
  readonly factsCache?: FactsCache;
  /** Starts a probe for each AMI that passes the image rules and has no cached facts. */
  readonly probeLauncher?: ProbeLauncher;
  /** How the probes of one run are spread out (shared/probe/waves.ts); all at once without. */
  readonly probeWaves?: ProbeWaves;
}

/** A compute environment with no AMI to audit (Fargate, EKS), and why. */
export interface NotApplicable {
  readonly computeEnvironment: string;
  readonly reason: string;
}

export interface AuditOutcome {
  /** One report per (compute environment, AMI), final for this run. */
  readonly reports: AuditReport[];
  readonly notApplicable: NotApplicable[];
  /** AMIs handed to the probe; their verdicts are published when the probe finishes. */
  readonly probes: { readonly amiId: string; readonly status: string }[];
  /** Problems that kept an AMI from being resolved (also reported as findings). */
  readonly notes: string[];
  /**
   * Every compute environment audited, with every AMI it launches (reported or handed to the
   * probe): what the notifier may resolve findings of, and nothing more.
   */
  readonly evaluated: EvaluatedComputeEnvironment[];
}

interface PendingTarget {
  readonly ce: ComputeEnvironment;
  readonly target: ResolvedTarget;
  readonly subject: AuditSubject;
  readonly report: AuditReport;
}

export async function auditComputeEnvironments(
  ces: readonly ComputeEnvironment[],
  auditId: string,
  deps: AuditDeps,
): Promise<AuditOutcome> {
  const log = deps.log ?? SILENT_LOG;
  const { resolved, parameters } = await resolveComputeEnvironments(
    ces,
    deps.reader,
    BASELINE_PARAMETERS,
  );
  const amiIds = [...new Set(resolved.flatMap((r) => r.resolution.targets.map((t) => t.amiId)))];
  const images =
    amiIds.length > 0 ? await deps.reader.images(amiIds) : new Map<string, ImageFacts>();
  const evaluatedAt = deps.now();

  const outcome: AuditOutcome = {
    reports: [],
    notApplicable: [],
    probes: [],
    notes: [],
    evaluated: resolved.map(({ computeEnvironment: ce, resolution }) =>
      evaluatedOf(ce, resolution.targets),
    ),
  };
  const pending: PendingTarget[] = [];
  const baselineWarnings = new Set<string>();

  for (const { computeEnvironment: ce, resolution } of resolved) {
    if (resolution.notApplicable) {
      outcome.notApplicable.push({
        computeEnvironment: resolution.computeEnvironment,
        reason: resolution.notApplicable.reason,
      });
      log.info('Compute environment has no AMI to audit', {
        computeEnvironment: resolution.computeEnvironment,
        reason: resolution.notApplicable.reason,
      });
      continue;
    }
    if (resolution.problems.length > 0) {
      outcome.reports.push(resolutionReport(ce, resolution.problems, deps, evaluatedAt));
      outcome.notes.push(
        ...resolution.problems.map((p) => `${ce.computeEnvironmentName}: ${p.message}`),
      );
    }
    for (const target of resolution.targets) {
      const image = images.get(target.amiId) ?? { imageId: target.amiId, found: false };
      const baseline = baselineFor(target, parameters, (warning) => baselineWarnings.add(warning));
      const subject: AuditSubject = {
        image,
        context: contextForTarget(ce, target),
        ...(baseline ? { baseline } : {}),
        evaluatedAt: evaluatedAt.toISOString(),
      };
      const report = judge(subject, rulesFor(['image']), targetOf(ce, target, deps), evaluatedAt);
      pending.push({ ce, target, subject, report });
    }
  }
  for (const warning of baselineWarnings) log.warn(warning);

  await completeWithHostFacts(pending, auditId, deps, outcome, log);
  return outcome;
}

/**
 * Image-stage FAILs are final (no probe can fix a missing or paravirtual AMI). The others
 * are judged again with cached host facts when a probe already ran, or handed to the probe.
 */
async function completeWithHostFacts(
  pending: readonly PendingTarget[],
  auditId: string,
  deps: AuditDeps,
  outcome: AuditOutcome,
  log: Log,
): Promise<void> {
  const toProbe = new Map<string, PendingTarget[]>();
  // One cache read per AMI, however many compute environments share it.
  const cachedFacts = new Map<string, Promise<CachedProbeFacts | undefined>>();
  const cachedFor = (amiId: string) => {
    if (!cachedFacts.has(amiId))
      cachedFacts.set(amiId, deps.factsCache?.get(amiId) ?? Promise.resolve(undefined));
    return cachedFacts.get(amiId) as Promise<CachedProbeFacts | undefined>;
  };
  for (const item of pending) {
    if (item.report.verdict === 'FAIL' || (!deps.factsCache && !deps.probeLauncher)) {
      outcome.reports.push(item.report);
      continue;
    }
    const cached = await cachedFor(item.target.amiId);
    if (cached) {
      const subject: AuditSubject = {
        ...item.subject,
        ...(cached.host ? { host: cached.host } : {}),
        ...(cached.join ? { join: cached.join } : {}),
        ...(cached.hostUnavailableReason
          ? { hostUnavailableReason: cached.hostUnavailableReason }
          : {}),
      };
      outcome.reports.push(
        judge(
          subject,
          rulesFor(['image', 'host', 'join']),
          item.report.target,
          deps.now(),
          cached.hostUnavailableReason,
        ),
      );
    } else if (deps.probeLauncher) {
      toProbe.set(item.target.amiId, [...(toProbe.get(item.target.amiId) ?? []), item]);
    } else {
      outcome.reports.push(item.report);
    }
  }

  let started = 0;
  for (const [amiId, items] of toProbe) {
    const [first] = items as [PendingTarget];
    // Probes already under way take no place in the waves: only those this run starts count.
    const delay = deps.probeWaves ? startDelaySeconds(started, deps.probeWaves) : 0;
    const request: ProbeRequest = {
      auditId,
      amiId,
      image: first.subject.image as ImageFacts,
      targets: items.map(
        (item): ProbeTarget => ({
          computeEnvironment: item.report.target.computeEnvironment ?? {
            name: item.ce.computeEnvironmentName,
          },
          context: contextForTarget(item.ce, item.target),
          origin: describeOrigin(item.target.origin),
          subnets: subnetsOf(item.ce),
          ...(item.target.imageType ? { imageType: item.target.imageType } : {}),
          ...(tagsOf(item.ce) ? { tags: tagsOf(item.ce) } : {}),
        }),
      ),
      region: deps.region,
      accountId: deps.accountId,
      // Only when there is a wait: a redelivered event then starts the very same input.
      ...(delay > 0 ? { startDelaySeconds: delay } : {}),
    };
    const result = await (deps.probeLauncher as ProbeLauncher).start(request);
    if (result.status === 'started') started += 1;
    outcome.probes.push({ amiId, status: result.status });
    log.info(result.status === 'started' ? 'Probe started' : 'Probe already in progress', {
      amiId,
      ...(delay > 0 ? { startDelaySeconds: delay } : {}),
      computeEnvironments: items.map((i) => i.ce.computeEnvironmentName),
    });
  }
}

function judge(
  subject: AuditSubject,
  rules: ReturnType<typeof rulesFor>,
  target: AuditTarget,
  now: Date,
  verdictReason?: string,
): AuditReport {
  return buildReport({
    target,
    findings: evaluate(subject, rules),
    toolVersion: TOOL_VERSION,
    now,
    ...(verdictReason ? { verdictReason } : {}),
  });
}

function targetOf(ce: ComputeEnvironment, target: ResolvedTarget, deps: AuditDeps): AuditTarget {
  return {
    kind: 'ami',
    label: `${target.amiId} in ${ce.computeEnvironmentName}`,
    amiId: target.amiId,
    computeEnvironment: {
      name: ce.computeEnvironmentName,
      ...(ce.computeEnvironmentArn ? { arn: ce.computeEnvironmentArn } : {}),
    },
    origin: describeOrigin(target.origin),
    region: deps.region,
    accountId: deps.accountId,
  };
}

/** A report for the AMIs that could not be resolved at all, with each problem as a finding. */
function resolutionReport(
  ce: ComputeEnvironment,
  problems: readonly {
    readonly verdict: 'FAIL' | 'INCONCLUSIVE';
    readonly message: string;
    readonly code: string;
  }[],
  deps: AuditDeps,
  now: Date,
): AuditReport {
  const subject: AuditSubject = { resolutionProblems: problems };
  return judge(
    subject,
    rulesFor(['resolution']),
    {
      kind: 'ami',
      label: `${ce.computeEnvironmentName} (AMI not resolved)`,
      computeEnvironment: {
        name: ce.computeEnvironmentName,
        ...(ce.computeEnvironmentArn ? { arn: ce.computeEnvironmentArn } : {}),
      },
      region: deps.region,
      accountId: deps.accountId,
    },
    now,
  );
}

function evaluatedOf(
  ce: ComputeEnvironment,
  targets: readonly ResolvedTarget[],
): EvaluatedComputeEnvironment {
  const tags = tagsOf(ce);
  return {
    name: ce.computeEnvironmentName,
    ...(ce.computeEnvironmentArn ? { arn: ce.computeEnvironmentArn } : {}),
    ...(tags ? { tags } : {}),
    amiIds: [...new Set(targets.map((t) => t.amiId))],
  };
}

/** The compute environment's own tags (DescribeComputeEnvironments `tags`), when it has any. */
function tagsOf(ce: ComputeEnvironment): Record<string, string> | undefined {
  const tags = (ce as { tags?: unknown }).tags;
  if (!tags || typeof tags !== 'object') return undefined;
  const entries = Object.entries(tags).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function subnetsOf(ce: ComputeEnvironment): string[] {
  const subnets = (ce.computeResources as { subnets?: unknown } | undefined)?.subnets;
  return Array.isArray(subnets) ? subnets.filter((s): s is string => typeof s === 'string') : [];
}
