import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../../shared/core/report';
import { renderJson } from '../../../shared/report/json';
import { failingReport, run } from './support/reports';

/** The same object with its keys, and its findings' keys, in reverse order. */
function reversedKeys(report: AuditReport): AuditReport {
  const reverse = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).reverse()) as T;
  return reverse({ ...report, findings: report.findings.map(reverse) });
}

describe('renderJson', () => {
  it('prints the report as is, pretty-printed', () => {
    const out = renderJson(failingReport);

    expect(JSON.parse(out)).toEqual(failingReport);
    expect(out).toMatch(/^\{\n {2}"schemaVersion": 1,\n {2}"tool": \{/);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('orders keys the same way however the report was built', () => {
    expect(renderJson(reversedKeys(failingReport))).toBe(renderJson(failingReport));
    expect(Object.keys(JSON.parse(renderJson(reversedKeys(failingReport))).findings[0])).toEqual([
      'ruleId',
      'title',
      'scope',
      'level',
      'severity',
      'status',
      'message',
      'evidence',
      'remediation',
      'impact',
      'specUrl',
    ]);
  });

  it('prints a multi-target run in the AuditRun shape', () => {
    const parsed = JSON.parse(renderJson(run));

    expect(parsed.verdict).toBe('FAIL');
    expect(parsed.reports.map((r: AuditReport) => r.target.label)).toEqual([
      'old-box',
      'good-box',
      'ami-0abc (my-ce)',
    ]);
  });

  it('refuses to publish a report its own schema rejects', () => {
    const broken = { ...failingReport, verdict: 'MAYBE' } as unknown as AuditReport;
    expect(() => renderJson(broken)).toThrow(/verdict/);
  });
});
