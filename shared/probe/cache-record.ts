/**
 * The cached probe record's schema and lifetime. Records are validated when
 * read: one written by an older schema (or damaged) is treated as a miss and
 * re-probed, never scored as if it were current.
 */
import { z } from 'zod';
import { hostFactsSchema } from '../core/host-facts';
import type { CachedProbeFacts } from '../pipeline/ports';
import type { ProbeConfig } from './config';
import { joinFactsSchema } from './join-facts';

export const cachedProbeFactsSchema = z.object({
  amiId: z.string(),
  collectorVersion: z.string(),
  host: hostFactsSchema.optional(),
  join: joinFactsSchema.optional(),
  hostUnavailableReason: z.string().optional(),
  collectedAt: z.string(),
});

/** The record, if `value` is a valid one. */
export function parseCachedRecord(value: unknown): CachedProbeFacts | undefined {
  const result = cachedProbeFactsSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

/**
 * How long a record is kept, in seconds: complete host facts for `cacheDays`
 * (AMIs are immutable); a failed or partial probe only for `failureCacheHours`,
 * so a transient problem is retried soon while an event storm still launches
 * one probe. Zero means "do not cache".
 */
export function cacheLifetimeSeconds(
  facts: CachedProbeFacts,
  config: Pick<ProbeConfig, 'cacheDays' | 'failureCacheHours'>,
): number {
  const complete = facts.host !== undefined && !facts.host.collector.incomplete;
  return complete ? config.cacheDays * 86_400 : config.failureCacheHours * 3_600;
}
