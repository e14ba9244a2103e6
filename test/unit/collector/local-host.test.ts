/**
 * The collector on THIS machine, with its real root and PATH: whatever the
 * machine is, the output parses, validates and agrees with what Node sees.
 * (Timing is measured properly by bench/collector.ts; this is a smoke bound.)
 */
import { machine, release } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import { runCollector } from '../../../shared/collector/run-local';
import { type HostFacts, hostFactsSchema } from '../../../shared/core/host-facts';
import { knownValue } from './helpers';

describe('the collector on this machine', () => {
  let raw: string;
  let facts: HostFacts;
  let elapsedMs: number;

  beforeAll(async () => {
    const started = performance.now();
    raw = await runCollector();
    elapsedMs = performance.now() - started;
    facts = parseCollectorOutput(raw);
  });

  it('prints complete output that parses into valid facts', () => {
    expect(() => hostFactsSchema.parse(facts)).not.toThrow();
    expect(facts.collector.incomplete).toBe(false);
    expect(facts.collector.root).toBe('/');
    expect(raw.length).toBeLessThanOrEqual(24_000);
  });

  it('sees the kernel and architecture Node sees', () => {
    expect(knownValue(facts.kernel.release)).toBe(release());
    expect(knownValue(facts.kernel.machine)).toBe(machine());
  });

  it('finishes well within a generous bound', () => {
    expect(elapsedMs).toBeLessThan(15_000);
  });
});
