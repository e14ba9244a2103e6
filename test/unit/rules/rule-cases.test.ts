/**
 * Runs every registered rule against its cases (cases/*.ts): each case must end
 * in its status, with the message (exactly, when the case gives a string; matching,
 * when it gives a RegExp), evidence and level a user would see.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/core/engine';
import type { RuleStatus } from '../../../shared/core/rule';
import { RULES } from '../../../shared/rules';
import { RULE_CASES, type RuleCase, type RuleCases } from './cases';

const STATUS_OF: Readonly<Record<keyof RuleCases, RuleStatus>> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  notApplicable: 'NOT_APPLICABLE',
};

for (const rule of RULES) {
  const cases = RULE_CASES[rule.id];
  if (!cases) continue; // the registry meta-test reports rules without cases
  describe(rule.id, () => {
    for (const [group, status] of Object.entries(STATUS_OF) as [keyof RuleCases, RuleStatus][]) {
      const list: readonly RuleCase[] = cases[group] ?? [];
      for (const testCase of list) {
        it(`${status}: ${testCase.name}`, () => {
          // Through the engine, so a rule that throws shows as ERROR, not as a crash.
          const [finding] = evaluate(testCase.subject, [rule]);
          expect({ status: finding?.status, message: finding?.message }).toMatchObject({
            status,
            message:
              typeof testCase.message === 'string'
                ? testCase.message
                : expect.stringMatching(testCase.message),
          });
          if (testCase.evidence) {
            const lines = finding?.evidence.map((e) => `${e.source} ${e.observed}`) ?? [];
            expect(lines).toContainEqual(expect.stringMatching(testCase.evidence));
          }
          if (testCase.level) expect(finding?.level).toBe(testCase.level);
        });
      }
    }
  });
}
