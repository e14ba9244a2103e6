import { describe, expect, it } from 'vitest';
import { evaluate, verdictOf } from '../../../shared/core/engine';
import { pass, type Rule } from '../../../shared/core/rule';

const meta = {
  scope: 'host',
  severity: 'high',
  spec: { quote: 'q', url: 'https://docs.aws.amazon.com/batch/' },
  impact: 'i',
  remediation: 'r',
} as const;

const passing: Rule = {
  ...meta,
  id: 'always-pass',
  title: 'passes',
  level: 'required',
  check: () => pass('ok'),
};
const throwing: Rule = {
  ...meta,
  id: 'always-throws',
  title: 'throws',
  level: 'required',
  check: () => {
    throw new Error('boom');
  },
};

describe('evaluate', () => {
  it('turns a rule that throws into an ERROR finding and keeps evaluating the rest', () => {
    const findings = evaluate({}, [throwing, passing]);
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['always-throws', 'ERROR'],
      ['always-pass', 'PASS'],
    ]);
    expect(findings[0]?.message).toContain('boom');
  });

  it('gives INCONCLUSIVE, never PASS, when a required rule errored', () => {
    expect(verdictOf(evaluate({}, [passing, throwing]))).toBe('INCONCLUSIVE');
  });

  it('ignores recommended rules when deciding the verdict', () => {
    const recommendedThrows: Rule = { ...throwing, level: 'recommended' };
    expect(verdictOf(evaluate({}, [passing, recommendedThrows]))).toBe('PASS');
  });
});
