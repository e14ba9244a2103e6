/**
 * Collector-shaped output for probe tests, and its parser. The real collector
 * and parser are being written in parallel (shared/collector); until they land
 * in this branch, tests carry host facts through SSM as this small framed
 * format and parse them back. Swap both functions for "run COLLECTOR_SCRIPT
 * against a fixture host" and `parseCollectorOutput` after the merge.
 */
import type { HostFacts } from '../../shared/core/host-facts';
import { hostFactsSchema } from '../../shared/core/host-facts';
import { CollectorOutputError } from '../../shared/errors';

const HEADER = '@@@ batch-ami-auditor collector 1';
const FACTS = '@@@ test-host-facts';
const END = '@@@ end';

/** The output a probe's collector "prints" for these facts, optionally padded to a given size. */
export function collectorOutputFor(facts: HostFacts, padToCharacters = 0): string {
  const body = [HEADER, FACTS, JSON.stringify(facts)];
  const padding = Math.max(0, padToCharacters - body.join('\n').length - END.length - 2);
  return [...body, `# ${'x'.repeat(padding)}`, END, ''].join('\n');
}

/** Parses {@link collectorOutputFor}'s output: partial facts when the end marker is missing. */
export function parseTestCollectorOutput(raw: string): HostFacts {
  const lines = raw.split('\n');
  if (lines[0] !== HEADER) throw new CollectorOutputError('not collector output (no header)');
  const index = lines.indexOf(FACTS);
  const json = index >= 0 ? lines[index + 1] : undefined;
  if (!json) throw new CollectorOutputError('collector output has no facts section');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new CollectorOutputError('the facts section is cut short', { cause: error });
  }
  const facts = hostFactsSchema.parse(parsed);
  const complete = lines.includes(END);
  return complete ? facts : { ...facts, collector: { ...facts.collector, incomplete: true } };
}
