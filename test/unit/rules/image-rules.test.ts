import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/core/engine';
import type { RuleStatus } from '../../../shared/core/rule';
import { findRule } from '../../../shared/rules/index';
import { IMAGE_RULE_CASES, type RuleCase } from './cases/image';

const EXPECTED: readonly ['pass' | 'fail' | 'inconclusive', RuleStatus][] = [
  ['pass', 'PASS'],
  ['fail', 'FAIL'],
  ['inconclusive', 'INCONCLUSIVE'],
];

describe.each(Object.entries(IMAGE_RULE_CASES))('%s', (ruleId, cases) => {
  const rule = findRule(ruleId);

  it('is registered as an image rule with its metadata', () => {
    expect(rule?.scope).toBe('image');
    expect(rule?.spec.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(rule?.spec.quote.length).toBeGreaterThan(20);
  });

  it('has at least one passing and one failing case', () => {
    expect(cases.pass.length).toBeGreaterThan(0);
    expect(cases.fail.length).toBeGreaterThan(0);
  });

  for (const [kind, status] of EXPECTED) {
    const table: readonly RuleCase[] = cases[kind] ?? [];
    if (table.length === 0) continue;
    it.each(table.map((c) => [c.name, c] as const))(
      `${status}: %s`,
      (_name, { subject, message }) => {
        if (!rule) throw new Error(`rule ${ruleId} is not registered`);
        // Through the engine, as reports see it: a rule that throws would show up as ERROR.
        const [finding] = evaluate(subject, [rule]);
        expect(finding?.status).toBe(status);
        if (message !== undefined) expect(finding?.message).toBe(message);
        if (status !== 'INCONCLUSIVE' && subject.image) {
          expect(finding?.evidence.length).toBeGreaterThan(0);
        }
      },
    );
  }
});

describe('image rule messages', () => {
  it('name the AMI in every pass and fail', () => {
    for (const [ruleId, cases] of Object.entries(IMAGE_RULE_CASES)) {
      const rule = findRule(ruleId);
      for (const { subject } of [...cases.pass, ...cases.fail]) {
        const result = rule?.check(subject);
        expect(result?.message, ruleId).toContain(subject.image?.imageId ?? '(no image)');
      }
    }
  });
});
