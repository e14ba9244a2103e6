/**
 * Scoring a probe: one report per compute environment that uses the AMI,
 * always with the current rules and baseline (cached facts included). The
 * baseline is chosen per compute environment exactly as the pipeline chooses
 * it (shared/pipeline/baselines.ts), from the same SSM public parameters.
 */
import { evaluate } from '../core/engine';
import type { AuditReport } from '../core/report';
import { buildReport } from '../core/report';
import type { Rule } from '../core/rule';
import type { AuditSubject, Baseline } from '../core/subject';
import { baselineFor } from '../pipeline/baselines';
import type { ProbeRequest, ProbeTarget } from '../pipeline/ports';
import { applyGpuLimitation, gpuLimitationFor } from './gpu-limits';
import type { ProbeFacts } from './outcome';

export interface ScoreInput {
  readonly request: ProbeRequest;
  readonly facts: ProbeFacts;
  /**
   * The ECS-optimized parameters (BASELINE_PARAMETERS) as read from SSM; absent when they could
   * not be read, and the freshness rules then use their built-in baseline.
   */
  readonly parameters?: ReadonlyMap<string, unknown>;
  /** Told why a compute environment's baseline parameter was unusable (once per message is enough). */
  readonly onBaselineProblem?: (message: string) => void;
  readonly rules: readonly Rule[];
  readonly toolVersion: string;
  readonly now: Date;
}

/** One report per target; one report without a compute environment when there are none (CLI `ami`). */
export function scoreProbe(input: ScoreInput): AuditReport[] {
  const targets: readonly (ProbeTarget | undefined)[] =
    input.request.targets.length > 0 ? input.request.targets : [undefined];
  return targets.map((target) => scoreTarget(input, target));
}

function scoreTarget(input: ScoreInput, target: ProbeTarget | undefined): AuditReport {
  const { facts, request } = input;
  const context = target?.context ?? request.context;
  const limitation = gpuLimitationFor(context, facts.host, facts.gpuLimitation);
  const { host, join } = limitation
    ? applyGpuLimitation(facts.host, facts.join, limitation)
    : { host: facts.host, join: facts.join };
  const baseline = baselineOf(input, target);
  const subject: AuditSubject = {
    image: facts.image,
    ...(host ? { host } : {}),
    ...(join ? { join } : {}),
    ...(context ? { context } : {}),
    ...(baseline ? { baseline } : {}),
    ...(facts.hostUnavailableReason ? { hostUnavailableReason: facts.hostUnavailableReason } : {}),
    // Time-dependent image rules (deprecation) read "now" from here, as in the pipeline.
    evaluatedAt: input.now.toISOString(),
  };
  const reasons = [
    facts.hostUnavailableReason,
    ...facts.caveats,
    limitation ? `${capitalise(limitation)}.` : undefined,
  ].filter((reason): reason is string => Boolean(reason));
  return buildReport({
    target: {
      kind: 'ami',
      // As the pipeline labels its reports, so a run mixes them without a seam.
      label: target ? `${request.amiId} in ${target.computeEnvironment.name}` : request.amiId,
      amiId: request.amiId,
      ...(target ? { computeEnvironment: target.computeEnvironment, origin: target.origin } : {}),
      region: request.region,
      accountId: request.accountId,
    },
    findings: evaluate(subject, input.rules),
    toolVersion: input.toolVersion,
    now: input.now,
    ...(reasons.length > 0 ? { verdictReason: reasons.join(' ') } : {}),
  });
}

/** The pipeline's baseline for this compute environment (or, without one, for the image alone). */
function baselineOf(input: ScoreInput, target: ProbeTarget | undefined): Baseline | undefined {
  if (!input.parameters) return undefined;
  const context = target?.context ?? input.request.context;
  const architecture = context?.expectedArchitecture ?? input.request.image.architecture;
  return baselineFor(
    {
      ...(target?.imageType ? { imageType: target.imageType } : {}),
      ...(architecture === 'arm64' || architecture === 'x86_64'
        ? { expectedArchitecture: architecture }
        : {}),
      gpu: context?.gpu ?? false,
    },
    input.parameters,
    input.onBaselineProblem ?? (() => undefined),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
