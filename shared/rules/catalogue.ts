/**
 * The rule catalogue as Markdown (`docs/rules.md`), rendered from rule metadata
 * so the documentation cannot drift from the rules. `npm run docs:rules` writes
 * it; a test fails when the committed file is stale.
 */
import type { Rule, RuleOutcomes } from '../core/rule';

const HEADER = `# Rules

<!-- Generated from the rule metadata in shared/rules/ by \`npm run docs:rules\`. Do not edit by hand. -->

Every rule the auditor applies, in the order reports list them. Only **required**
rules decide the verdict: a required FAIL makes the verdict FAIL, a required
INCONCLUSIVE (or a rule error) makes it INCONCLUSIVE. **Recommended** and
**advisory** findings are reported as warnings. A rule answers INCONCLUSIVE, never
PASS, when a fact it needs could not be observed.
`;

/** Generic meanings, for a rule that does not spell out its own. */
const DEFAULT_OUTCOMES: RuleOutcomes = {
  pass: 'The host or image meets the requirement.',
  fail: 'The host or image does not meet the requirement.',
  inconclusive: 'A fact the rule needs could not be observed.',
};

/** Renders the whole catalogue: an index table, then one section per rule. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const index = [
    '| Id | Level | Severity | Scope | Title |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [\`${r.id}\`](#${r.id}) | ${r.level} | ${r.severity} | ${r.scope} | ${cell(r.title)} |`,
    ),
  ];
  return `${[HEADER.trim(), index.join('\n'), ...rules.map(renderRule)].join('\n\n')}\n`;
}

function renderRule(rule: Rule): string {
  const outcomes = rule.outcomes ?? DEFAULT_OUTCOMES;
  const rows: [string, string | undefined][] = [
    ['PASS', outcomes.pass],
    ['FAIL', outcomes.fail],
    ['INCONCLUSIVE', outcomes.inconclusive],
    ['NOT_APPLICABLE', outcomes.notApplicable],
  ];
  return [
    `## ${rule.id}`,
    `**${rule.title}**`,
    `Level: ${rule.level} · Severity: ${rule.severity} · Scope: ${rule.scope}`,
    `> ${rule.spec.quote}\n>\n> — [AWS documentation](${rule.spec.url})`,
    `**Impact.** ${rule.impact}`,
    `**Remediation.** ${rule.remediation}`,
    [
      '| Status | Meaning |',
      '|---|---|',
      ...rows.flatMap(([status, meaning]) => (meaning ? [`| ${status} | ${cell(meaning)} |`] : [])),
    ].join('\n'),
  ].join('\n\n');
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
