/** Helpers for the collector tests. */
import type { Fact } from '../../../shared/core/fact';

/** The value of a known fact; throws with the fact's reason when it is unknown, so a failure says why. */
export function knownValue<T>(fact: Fact<T>): T {
  if (!fact.known) throw new Error(`expected a known fact, got unknown: ${fact.reason}`);
  return fact.value;
}

/** The reason of an unknown fact; throws when the fact is known. */
export function reasonOf(fact: Fact<unknown>): string {
  if (fact.known) throw new Error(`expected an unknown fact, got ${JSON.stringify(fact.value)}`);
  return fact.reason;
}

export interface SyntheticSection {
  readonly id: string;
  readonly source: string;
  readonly status?: number;
  readonly lines?: readonly string[];
  readonly truncated?: number;
}

/** Collector output built by hand, for parser cases no fixture host covers. */
export function syntheticOutput(
  sections: readonly SyntheticSection[],
  { complete = true, version = '1' }: { complete?: boolean; version?: string } = {},
): string {
  const lines = [`@@@ batch-ami-auditor collector ${version} started=2026-11-28T00:00:00Z root=/`];
  for (const section of sections) {
    lines.push(`@@ begin ${section.id} ${section.source}`);
    for (const line of section.lines ?? []) lines.push(`|${line}`);
    const truncated = section.truncated ? ` truncated=${section.truncated}` : '';
    lines.push(`@@ end ${section.id} status=${section.status ?? 0}${truncated}`);
  }
  if (complete) lines.push('@@@ end');
  return `${lines.join('\n')}\n`;
}

/** Output of two runs made comparable: temporary paths and the start time blanked. */
export function normalizeRun(raw: string): string {
  return raw
    .replace(/\/tmp\/baa-fixture-[^/\s]+/g, '<tmp>')
    .replace(/started=\S+/, 'started=<time>');
}

/** Every fact (an object with a boolean `known`) inside a facts tree, with its path. */
export function collectFacts(node: unknown, path = ''): { path: string; fact: Fact<unknown> }[] {
  if (typeof node !== 'object' || node === null) return [];
  if ('known' in node && typeof node.known === 'boolean')
    return [{ path, fact: node as Fact<unknown> }];
  return Object.entries(node).flatMap(([key, child]) =>
    collectFacts(child, path ? `${path}.${key}` : key),
  );
}
