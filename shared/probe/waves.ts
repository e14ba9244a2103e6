/**
 * Probe waves. A run that needs many probes at once (the first sweep of an account, the sweep
 * after a collector upgrade, and again when those facts expire together) starts them in waves
 * instead of all at once, so the probes neither take the account's EC2 vCPU quota from Batch
 * itself nor meet RunInstances' rate limits. The k-th probe a run starts waits
 * floor(k / size) × seconds before it looks at the cache and launches: the state machine's
 * WaitForTurn state, which costs nothing while it waits.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors';

export interface ProbeWaves {
  /** Probes started together. */
  readonly size: number;
  /** Seconds between one wave and the next (a typical probe takes about 90 s). */
  readonly seconds: number;
}

export const PROBE_WAVES_DEFAULTS: ProbeWaves = { size: 10, seconds: 300 };

/**
 * The longest a probe waits for its turn. The state machine's TimeoutSeconds is the probe's own
 * two hours plus this; later probes of a very large run share the last wave.
 */
export const MAX_START_DELAY_SECONDS = 4 * 3600;

/** The environment variable of each setting (serverless.yml: probeWaveSize, probeWaveSeconds). */
export const PROBE_WAVES_ENV = { size: 'PROBE_WAVE_SIZE', seconds: 'PROBE_WAVE_SECONDS' } as const;

const wavesSchema = z.object({
  size: z.coerce.number().int().min(1).max(1000),
  seconds: z.coerce.number().int().min(0).max(3600),
});

/** How long the `index`-th probe of a run (from 0) waits before it starts. */
export function startDelaySeconds(index: number, waves: ProbeWaves): number {
  return Math.min(Math.floor(index / waves.size) * waves.seconds, MAX_START_DELAY_SECONDS);
}

/**
 * The waves from `PROBE_WAVE_SIZE` and `PROBE_WAVE_SECONDS` (each defaults when unset).
 *
 * @throws InvalidInputError naming the variable that is not a whole number in range.
 */
export function loadProbeWaves(env: Readonly<Record<string, string | undefined>>): ProbeWaves {
  const value = (name: string, fallback: number) => env[name]?.trim() || fallback;
  const result = wavesSchema.safeParse({
    size: value(PROBE_WAVES_ENV.size, PROBE_WAVES_DEFAULTS.size),
    seconds: value(PROBE_WAVES_ENV.seconds, PROBE_WAVES_DEFAULTS.seconds),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = PROBE_WAVES_ENV[issue?.path[0] as keyof typeof PROBE_WAVES_ENV];
    throw new InvalidInputError(
      `${name} is ${JSON.stringify(env[name])}: expected a whole number (${issue?.message})`,
    );
  }
  return result.data;
}
