import { describe, expect, it } from 'vitest';
import { findRule } from '../../../shared/rules/index';

describe.each(['join-agent-registered', 'join-awslogs-advertised'])('rule %s', (ruleId) => {
  it('is registered as a required, critical join rule', () => {
    expect(findRule(ruleId)).toMatchObject({
      scope: 'join',
      level: 'required',
      severity: 'critical',
    });
  });
});
