import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../shared/core/rule';
import { RULES } from '../../../shared/rules';
import { renderRulesDoc } from '../../../shared/rules/catalogue';

const DOC = join(import.meta.dirname, '../../../docs/rules.md');

describe('docs/rules.md', () => {
  it('is up to date with the rule metadata', () => {
    const committed = readFileSync(DOC, 'utf8');
    expect(
      committed === renderRulesDoc(RULES),
      'docs/rules.md is stale: run npm run docs:rules',
    ).toBe(true);
  });

  it('documents every rule: index row, spec quote with its link, impact, remediation, outcomes', () => {
    const doc = renderRulesDoc(RULES);
    for (const rule of RULES) {
      expect(doc).toContain(
        `| [\`${rule.id}\`](#${rule.id}) | ${rule.level} | ${rule.severity} | ${rule.scope} |`,
      );
      expect(doc).toContain(`## ${rule.id}\n`);
      expect(doc).toContain(`> ${rule.spec.quote}`);
      expect(doc).toContain(`(${rule.spec.url})`);
      expect(doc).toContain(`**Remediation.** ${rule.remediation}`);
      expect(doc).toContain(`| FAIL | ${rule.outcomes?.fail.replaceAll('|', '\\|')} |`);
    }
  });

  it('keeps table cells intact when text contains a pipe, and falls back to generic meanings', () => {
    const [first] = RULES;
    if (!first) throw new Error('no rules');
    const rule: Rule = { ...first, id: 'x', title: 'a | b', outcomes: undefined };
    const doc = renderRulesDoc([rule]);
    expect(doc).toContain('| a \\| b |');
    expect(doc).toContain('| INCONCLUSIVE | A fact the rule needs could not be observed. |');
    expect(doc).not.toContain('| NOT_APPLICABLE |');
  });
});
