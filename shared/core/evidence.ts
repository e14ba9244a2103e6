/** Turns facts into the evidence lines findings cite. */
import type { Fact } from './fact';
import type { Evidence } from './rule';

const MAX_OBSERVED = 300;

/** Evidence for a fact: where it came from and what it said (or why it is unknown). */
export function evidenceOf<T>(
  fact: Fact<T> | undefined,
  describe: (value: T) => string = String,
): Evidence[] {
  if (!fact) return [];
  if (!fact.known) {
    return [
      {
        source: fact.from?.source ?? 'collector',
        observed: clip(`unknown: ${fact.reason}`),
        ...(fact.from?.exitStatus === undefined ? {} : { exitStatus: fact.from.exitStatus }),
      },
    ];
  }
  return [
    {
      source: fact.from.source,
      observed: clip(describe(fact.value)),
      ...(fact.from.exitStatus === undefined ? {} : { exitStatus: fact.from.exitStatus }),
    },
  ];
}

function clip(text: string): string {
  return text.length > MAX_OBSERVED ? `${text.slice(0, MAX_OBSERVED - 1)}…` : text;
}
