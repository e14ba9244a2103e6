// STUB (to be replaced by the collector work).
import type { HostFacts } from '../core/host-facts';
import { CollectorOutputError } from '../errors';

/**
 * Parses raw collector output into host facts. Never throws for a partial or
 * truncated output (those facts become unknown); throws CollectorOutputError
 * when the text is not collector output at all.
 */
export function parseCollectorOutput(raw: string): HostFacts {
  throw new CollectorOutputError(`not implemented (${raw.length} characters)`);
}
