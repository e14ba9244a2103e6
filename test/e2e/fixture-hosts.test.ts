/**
 * The spec engine end to end on every fixture host: the real collector runs against the
 * fixture (under dash), its output is parsed and scored with the host rules, and the verdict
 * and the failed rule ids must be exactly those the fixture's host.json expects. No secret
 * planted in a fixture may reach any rendering of the report.
 */
import { describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../shared/collector/parse';
import { evaluate, failedRuleIds, verdictOf } from '../../shared/core/engine';
import { buildReport } from '../../shared/core/report';
import { PLAIN } from '../../shared/report/paint';
import { REPORT_FORMATS, renderReport } from '../../shared/report/render';
import { rulesFor } from '../../shared/rules';
import { fixtureHostNames, readHostJson, runFixtureHost } from '../support/fixture-host';

const HOST_RULES = rulesFor(['host']);

describe.each(fixtureHostNames())('fixture host %s', (name) => {
  const { expected, description } = readHostJson(name);

  it(`is ${expected.verdict}${expected.failedRules.length ? ` on ${expected.failedRules.join(', ')}` : ''}`, async () => {
    const facts = parseCollectorOutput(await runFixtureHost(name));
    const findings = evaluate({ host: facts }, HOST_RULES);

    const failedRequired = findings
      .filter((f) => f.status === 'FAIL' && f.level === 'required')
      .map((f) => f.ruleId);
    expect(
      { verdict: verdictOf(findings), failedRules: failedRequired },
      `${description} (failed rules in registry order)`,
    ).toEqual({
      verdict: expected.verdict,
      failedRules: expected.failedRules,
    });
    if (expected.verdict === 'PASS') {
      // Official AMIs: no required rule fails, none is left undecided.
      expect(
        findings.filter(
          (f) => f.level === 'required' && f.status !== 'PASS' && f.status !== 'NOT_APPLICABLE',
        ),
      ).toEqual([]);
    }
    expect(failedRuleIds(findings)).toEqual(expect.arrayContaining(expected.failedRules));
  });
});

describe('secrets', () => {
  const SECRETS = readHostJson('secrets-everywhere').secrets ?? [];

  it('never reach a report, in any format', async () => {
    expect(SECRETS.length).toBeGreaterThan(10);
    const facts = parseCollectorOutput(await runFixtureHost('secrets-everywhere'));
    const report = buildReport({
      target: { kind: 'host', label: 'secrets-everywhere' },
      findings: evaluate({ host: facts }, HOST_RULES),
      toolVersion: 'test',
      now: new Date(0),
    });
    const everything = [
      JSON.stringify(facts),
      ...REPORT_FORMATS.map((f) => renderReport(report, f, PLAIN)),
    ].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(everything).toContain('<redacted>');
  });
});
