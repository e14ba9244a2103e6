/**
 * What a finished (or failed) probe established: host facts, join facts, or
 * the reason they are missing. Pure: derived from the execution state alone,
 * so every path (success, each failure, a crash caught mid-way) ends in the
 * same scoring code and facts collected before a crash are still used.
 */
import type { HostFacts } from '../core/host-facts';
import type { ImageFacts, JoinFacts } from '../core/subject';
import type { CachedProbeFacts } from '../pipeline/ports';
import { joinFactsNotObserved } from './join-facts';
import type { ProbeFailure, ProbeState, StepError } from './state';
import { instanceOf } from './state';

export interface ProbeFacts {
  readonly image: ImageFacts;
  readonly host?: HostFacts;
  readonly join?: JoinFacts;
  /** `<code>: <sentence>` when host facts are missing. */
  readonly hostUnavailableReason?: string;
  /** Sentences a reader needs next to the verdict (truncated output, GPU limits, cleanup trouble). */
  readonly caveats: readonly string[];
  /** The planned GPU limitation, when the launch already knew the probe would lack a GPU. */
  readonly gpuLimitation?: string;
  /** How long to cache: `long` for complete facts, `short` for a host-level failure, `none` otherwise. */
  readonly cacheFor: 'long' | 'short' | 'none';
}

/** Failures that say something about the AMI on its instance, worth remembering for a while. */
const HOST_LEVEL_FAILURES = new Set([
  'ssm_never_online',
  'instance_gone',
  'command_failed',
  'command_timeout',
  'output_unparseable',
]);

export function probeFactsOf(state: ProbeState): ProbeFacts {
  const { request } = state;
  if (state.cached) return fromCache(state.cached, request.image);

  const caveats: string[] = [];
  const launch = state.launch;
  const gpuLimitation = launch?.status === 'launched' ? launch.gpuLimitation : undefined;
  const host = state.command?.status === 'collected' ? state.command.host : undefined;
  const failure = failureOf(state);
  const join =
    state.join?.status === 'done'
      ? state.join.facts
      : launch?.status === 'launched'
        ? joinFactsNotObserved(
            `the join test did not complete: ${failure?.message ?? 'the probe ended before it'}`,
          )
        : undefined;
  if (state.command?.truncated && state.command.failure) {
    caveats.push(`${state.command.failure.code}: ${state.command.failure.message}`);
  }
  if (state.terminateError) {
    const instance = instanceOf(state);
    caveats.push(
      `Terminating the probe failed (${describeStepError(state.terminateError)}); it powers itself off by ${instance?.expiresAt ?? 'its expiry'} and the janitor terminates it after that.`,
    );
  }

  if (host && state.error && failure) caveats.push(`${failure.code}: ${failure.message}`);
  const image: ImageFacts =
    launch?.status === 'image-gone'
      ? imageGone(request.image, launch.imageState, launch.failure.message)
      : request.image;
  const cacheFor = state.error
    ? 'none'
    : host && !state.command?.truncated
      ? 'long'
      : host || (failure && HOST_LEVEL_FAILURES.has(failure.code))
        ? 'short'
        : 'none';
  return {
    image,
    ...(host ? { host } : {}),
    ...(join ? { join } : {}),
    ...(!host && failure ? { hostUnavailableReason: `${failure.code}: ${failure.message}` } : {}),
    caveats,
    ...(gpuLimitation ? { gpuLimitation } : {}),
    cacheFor,
  };
}

/** The first failure along the path the execution took. */
export function failureOf(state: ProbeState): ProbeFailure | undefined {
  const earlier = pathFailureOf(state);
  if (state.error) {
    const before = earlier ? ` Before that: ${earlier.code}: ${earlier.message}` : '';
    return {
      code: 'probe_failed',
      message: `The probe failed: ${describeStepError(state.error)}.${before}`,
    };
  }
  return (
    earlier ??
    (state.launch
      ? undefined
      : { code: 'probe_failed', message: 'The probe ended before launching.' })
  );
}

function pathFailureOf(state: ProbeState): ProbeFailure | undefined {
  if (state.launch && state.launch.status !== 'launched') return state.launch.failure;
  if (state.online?.failure) return state.online.failure;
  if (state.command?.failure) return state.command.failure;
  return undefined;
}

/** The record to cache for this probe. */
export function cacheRecordOf(
  facts: ProbeFacts,
  amiId: string,
  collectorVersion: string,
  now: Date,
): CachedProbeFacts {
  return {
    amiId,
    collectorVersion,
    ...(facts.host ? { host: facts.host } : {}),
    ...(facts.join ? { join: facts.join } : {}),
    ...(facts.hostUnavailableReason ? { hostUnavailableReason: facts.hostUnavailableReason } : {}),
    collectedAt: now.toISOString(),
  };
}

/**
 * `Error: message` from a caught error. Lambda puts a JSON document
 * (`{"errorType","errorMessage","trace"}`) in Cause; other sources a plain string.
 */
export function describeStepError(error: StepError): string {
  const cause = error.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown; errorType?: unknown };
    if (parsed && typeof parsed.errorMessage === 'string') {
      return `${String(parsed.errorType ?? error.Error)}: ${parsed.errorMessage}`;
    }
  } catch {
    // a plain-text cause
  }
  return cause ? `${error.Error}: ${cause}` : error.Error;
}

/** The image as found when the launch was attempted: gone, or in a state that cannot launch. */
function imageGone(image: ImageFacts, state: string | undefined, reason: string): ImageFacts {
  return state && state !== 'deregistered'
    ? { ...image, state }
    : { ...image, found: false, state: 'deregistered', notFoundReason: reason };
}

function fromCache(cached: CachedProbeFacts, image: ImageFacts): ProbeFacts {
  return {
    image,
    ...(cached.host ? { host: cached.host } : {}),
    ...(cached.join ? { join: cached.join } : {}),
    ...(cached.hostUnavailableReason
      ? { hostUnavailableReason: cached.hostUnavailableReason }
      : {}),
    caveats: cached.hostUnavailableReason
      ? [
          `(Remembered from a probe at ${cached.collectedAt}; it is retried once that record expires.)`,
        ]
      : [],
    cacheFor: 'none',
  };
}
