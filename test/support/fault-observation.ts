/**
 * What a fault run leaves to observe: the verdicts the pipeline reached (from the change
 * handler's and the sweep's outcomes and the probe executions' outputs), what people were
 * told, what was dead-lettered, and what is still running.
 */
import type { ChangeOutcome } from '../../shared/pipeline/handle-change-event';
import type { SweepOutcome } from '../../shared/pipeline/sweep';
import type { AsyncInvocation, OnFailureRecord } from './lambda-async';
import type { LocalRun } from './local-probe-execution';
import type { Alert } from './moto-world';

/** A verdict the pipeline reached for one (compute environment, AMI). */
export interface ReachedVerdict {
  readonly source: 'handler' | 'probe' | 'sweep';
  readonly computeEnvironment: string;
  readonly amiId: string;
  readonly verdict: string;
  /** The probe's cause code when host facts are missing (`no_capacity`, …). */
  readonly reason?: string;
}

/** Everything observable after a fault run, drained from the world. */
export interface Observation {
  readonly invocations: readonly AsyncInvocation<unknown>[];
  readonly executions: readonly LocalRun[];
  readonly verdicts: readonly ReachedVerdict[];
  readonly alerts: readonly Alert[];
  readonly deadLetters: readonly OnFailureRecord[];
  /** Probe instances of this deployment still pending or running. */
  readonly leftRunning: readonly string[];
  /** Container instances still registered in the probe cluster. */
  readonly leftRegistered: readonly string[];
}

/** The verdicts a change handler or sweep invocation returned. */
export function handlerVerdicts(result: unknown): ReachedVerdict[] {
  const swept = result as SweepOutcome | undefined;
  if (swept?.reports) {
    return swept.reports.map((r) => ({
      source: 'sweep',
      computeEnvironment: r.target.computeEnvironment?.name ?? '',
      amiId: r.target.amiId ?? '',
      verdict: r.verdict,
    }));
  }
  const outcome = result as ChangeOutcome | undefined;
  if (outcome?.status !== 'audited') return [];
  return outcome.verdicts.map((v) => ({
    source: 'handler',
    computeEnvironment: outcome.computeEnvironment,
    amiId: v.amiId ?? '',
    verdict: v.verdict,
  }));
}

/** The verdicts a probe execution output. */
export function probeVerdicts(run: LocalRun): ReachedVerdict[] {
  const output = run.output;
  if (!output) return [];
  const reason = output.reason?.split(':')[0];
  return output.verdicts.map((v) => ({
    source: 'probe',
    computeEnvironment: v.computeEnvironment ?? '',
    amiId: output.amiId,
    verdict: v.verdict,
    ...(reason ? { reason } : {}),
  }));
}
