/**
 * Hostile and damaged collector output (property-based, fast-check): the parser never
 * crashes, rejects what is not collector output with a clear error, and no damage to the
 * output can turn a rule into a PASS it would not give on the whole output. Losing
 * information may only move a finding towards INCONCLUSIVE.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../shared/collector/parse';
import { evaluate } from '../../shared/core/engine';
import { hostFactsSchema } from '../../shared/core/host-facts';
import type { FindingStatus } from '../../shared/core/rule';
import { CollectorOutputError } from '../../shared/errors';
import { rulesFor } from '../../shared/rules';
import { runFixtureHost } from '../support/fixture-host';

const HOST_RULES = rulesFor(['host']);
const FIXTURES = [
  'al2023-ecs-optimized',
  'al2023-ecs-gpu',
  'al1-upstart',
  'systemd-unit-no-ecs-init',
  'al2-baked-checkpoint',
];
const outputs = new Map<string, string>();

beforeAll(async () => {
  for (const name of FIXTURES) outputs.set(name, await runFixtureHost(name));
}, 60_000);

const statuses = (raw: string): Map<string, FindingStatus> =>
  new Map(
    evaluate({ host: parseCollectorOutput(raw) }, HOST_RULES).map((f) => [f.ruleId, f.status]),
  );

/** Sections of an output, as [start, end) line ranges, each from its begin to its end line. */
function sectionRanges(lines: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  let begin = -1;
  lines.forEach((line, i) => {
    if (line.startsWith('@@ begin ')) begin = i;
    if (line.startsWith('@@ end ') && begin >= 0) {
      ranges.push([begin, i + 1]);
      begin = -1;
    }
  });
  return ranges;
}

/** Ways output loses information: a section dropped, a section cut mid-way, the tail cut off. */
const damage = fc.oneof(
  fc.record({
    kind: fc.constant('drop' as const),
    pick: fc.nat(),
    count: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ kind: fc.constant('truncate-section' as const), pick: fc.nat(), keep: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

function applyDamage(raw: string, d: DamageValue): string {
  const lines = raw.split('\n');
  const ranges = sectionRanges(lines);
  switch (d.kind) {
    case 'cut':
      return raw.slice(0, Math.floor(raw.length * d.at));
    case 'drop': {
      const dropped = new Set<number>();
      for (let n = 0; n < d.count; n++) {
        const [from, to] = ranges[(d.pick + n * 7) % ranges.length] ?? [0, 0];
        for (let i = from; i < to; i++) dropped.add(i);
      }
      return lines.filter((_, i) => !dropped.has(i)).join('\n');
    }
    case 'truncate-section': {
      const [from, to] = ranges[d.pick % ranges.length] ?? [0, 0];
      const content = Math.max(0, to - from - 2);
      const kept = content === 0 ? 0 : d.keep % content;
      const end = lines[to - 1] ?? '';
      // The collector marks a capped section in its end line; so does this damage.
      const marked = `${end.replace(/ truncated=\d+/, '')} truncated=${(content - kept) * 10 + 1}`;
      return [...lines.slice(0, from + 1 + kept), marked, ...lines.slice(to)].join('\n');
    }
  }
}
type DamageValue =
  | { kind: 'drop'; pick: number; count: number }
  | { kind: 'truncate-section'; pick: number; keep: number }
  | { kind: 'cut'; at: number };

describe('damaged collector output', () => {
  it('never turns a rule into a PASS it would not give on the whole output (1,000 cases)', () => {
    const whole = new Map(FIXTURES.map((name) => [name, statuses(outputs.get(name) ?? '')]));
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), damage, (name, d) => {
        const damaged = applyDamage(outputs.get(name) ?? '', d as DamageValue);
        let after: Map<string, FindingStatus>;
        try {
          after = statuses(damaged);
        } catch (error) {
          // Only a cut before the header may be rejected, and then with a clear error.
          expect(error).toBeInstanceOf(CollectorOutputError);
          return;
        }
        const before = whole.get(name) as Map<string, FindingStatus>;
        for (const [ruleId, status] of after) {
          if (status === 'PASS')
            expect({ ruleId, before: before.get(ruleId) }).toEqual({ ruleId, before: 'PASS' });
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hostile collector output', () => {
  const hostileLine = fc.oneof(
    fc.string({ unit: 'grapheme-composite', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '@@ end uname-r status=0',
      '@@@ end',
      '@@ begin x',
      '|\u0000\u001b[31m',
      '\uD800',
      '@@ end x status=abc',
    ),
  );

  it('is parsed into schema-valid facts or rejected with CollectorOutputError, never a crash (1,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(hostileLine, { maxLength: 60 }),
        fc.integer({ min: 0, max: 200_000 }),
        (withHeader, body, hugeLine) => {
          const text = [
            ...(withHeader ? ['@@@ batch-ami-auditor collector 1 root=/'] : []),
            ...body,
            ...(hugeLine > 150_000 ? [`|${'x'.repeat(hugeLine)}`] : []),
          ].join('\n');
          try {
            const facts = parseCollectorOutput(text);
            expect(hostFactsSchema.safeParse(facts).success).toBe(true);
            // Nothing was really observed: no host rule may PASS on made-up framing alone,
            // unless the hostile lines happen to form real sections.
            const passed = evaluate({ host: facts }, HOST_RULES).filter((f) => f.status === 'PASS');
            if (!body.some((line) => line.startsWith('@@ begin '))) expect(passed).toEqual([]);
          } catch (error) {
            expect(error).toBeInstanceOf(CollectorOutputError);
            expect((error as Error).message).toMatch(
              /^input is not batch-ami-auditor collector output|collector version/,
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
