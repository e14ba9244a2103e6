/**
 * What every image rule's PASS and FAIL have in common, beyond what each case in
 * cases/image-*.ts asserts (rule-cases.test.ts runs those): the message names the
 * AMI, and the finding cites what DescribeImages said.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/core/engine';
import { rulesFor } from '../../../shared/rules';
import { RULE_CASES } from './cases';

describe.each(rulesFor(['image']).map((rule) => [rule.id, rule] as const))('%s', (_, rule) => {
  const cases = RULE_CASES[rule.id];
  const decided = [...(cases?.pass ?? []), ...(cases?.fail ?? [])];

  it.each(decided.map((c) => [c.name, c] as const))(
    '%s: names the AMI and cites evidence',
    (_name, { subject }) => {
      const [finding] = evaluate(subject, [rule]);
      expect(finding?.message).toContain(subject.image?.imageId ?? '(no image)');
      expect(finding?.evidence.length).toBeGreaterThan(0);
    },
  );
});
