/**
 * Task "Score": turns whatever the probe established into one verdict per
 * compute environment, with the current rules and baseline, caches the facts
 * and publishes. Every path ends here, so every execution publishes exactly
 * one set of verdicts; a probe that could not collect facts publishes
 * INCONCLUSIVE with its cause, never PASS.
 */
import type { Rule } from '../../core/rule';
import { BASELINE_PARAMETERS } from '../../pipeline/baselines';
import { rulesFor } from '../../rules/index';
import { TOOL_VERSION } from '../../version';
import { applyWaivers } from '../../waivers/apply';
import { cacheRecordOf, probeFactsOf } from '../outcome';
import type { ProbeDeps } from '../ports';
import { scoreProbe } from '../score';
import type { ProbeResult, ProbeState } from '../state';
import { instanceOf } from '../state';

type ScoreDeps = Pick<
  ProbeDeps,
  'cache' | 'notifier' | 'publicParameters' | 'collector' | 'now' | 'log' | 'waivers'
>;

export async function scoreAndPublish(
  state: ProbeState,
  deps: ScoreDeps,
  rules: readonly Rule[] = rulesFor(['image', 'host', 'join']),
): Promise<ProbeResult> {
  const scored = await scoreState(state, deps, rules);
  const { facts } = scored;
  const now = deps.now();
  const reports = scored.reports.map((report) => applyWaivers(report, deps.waivers ?? [], now));
  const { request } = state;
  // A probe judges only its own AMI: the scope names no AMI list, so the notifier changes
  // findings of this AMI alone and leaves the compute environments' other AMIs as they are.
  await deps.notifier.publish({
    kind: 'probe',
    auditId: request.auditId,
    accountId: request.accountId,
    region: request.region,
    reports,
    scope: request.targets.map((target) => ({
      ...target.computeEnvironment,
      ...(target.tags ? { tags: target.tags } : {}),
    })),
    complete: false,
  });
  deps.log.info('Verdicts published', {
    verdicts: reports.map((r) => r.verdict),
    fromCache: Boolean(state.cached),
  });
  return {
    amiId: state.request.amiId,
    auditId: state.request.auditId,
    verdicts: reports.map((r) => ({
      computeEnvironment: r.target.computeEnvironment?.name ?? null,
      verdict: r.verdict,
    })),
    ...(instanceOf(state) ? { instanceId: instanceOf(state)?.instanceId } : {}),
    ...(state.termination ? { terminationRequestedAt: state.termination.requestedAt } : {}),
    fromCache: Boolean(state.cached),
    ...(facts.hostUnavailableReason ? { reason: facts.hostUnavailableReason } : {}),
  };
}

/** Scores without publishing (the CLI prints the reports instead); caches the facts. */
export async function scoreState(
  state: ProbeState,
  deps: Omit<ScoreDeps, 'notifier'>,
  rules: readonly Rule[],
) {
  const facts = probeFactsOf(state);
  const now = deps.now();
  if (facts.cacheFor !== 'none') {
    try {
      await deps.cache.put(cacheRecordOf(facts, state.request.amiId, deps.collector.version, now));
    } catch (error) {
      // A lost cache entry costs a later re-probe; losing the verdict would cost much more.
      deps.log.warn('Caching the probe facts failed', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const parameters = await baselineParameters(deps);
  const baselineProblems = new Set<string>();
  const reports = scoreProbe({
    request: state.request,
    facts,
    ...(parameters ? { parameters } : {}),
    onBaselineProblem: (message) => baselineProblems.add(message),
    rules,
    toolVersion: TOOL_VERSION,
    now,
  });
  for (const message of baselineProblems) deps.log.warn(message);
  return { reports, facts };
}

/** The ECS-optimized parameters, or undefined (and a warning) when SSM cannot be read. */
async function baselineParameters(
  deps: Pick<ScoreDeps, 'publicParameters' | 'log'>,
): Promise<ReadonlyMap<string, unknown> | undefined> {
  try {
    return await deps.publicParameters.parameters(BASELINE_PARAMETERS);
  } catch (error) {
    deps.log.warn('The ECS-optimized baseline could not be read; freshness rules use their own', {
      reason: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}
