import { describe, expect, it } from 'vitest';
import { type AuditReport, buildReport } from '../../../shared/core/report';
import { renderReport } from '../../../shared/report/render';
import { applyWaivers, isExpired } from '../../../shared/waivers/apply';
import type { Waiver } from '../../../shared/waivers/schema';
import { finding, NOW } from '../report/support/reports';

const hvmFail = finding({
  ruleId: 'image-hvm',
  scope: 'image',
  status: 'FAIL',
  severity: 'critical',
  message: 'ami-0abc is paravirtual.',
});
const agentWarning = finding({ ruleId: 'ecs-agent-current', level: 'recommended', status: 'FAIL' });
const bootPass = finding({ ruleId: 'image-boot-mode', scope: 'image', status: 'PASS' });

function amiReport(ce: string, findings = [hvmFail, agentWarning, bootPass]): AuditReport {
  return buildReport({
    target: {
      kind: 'ami',
      label: `ami-0123456789abcdef0 in ${ce}`,
      amiId: 'ami-0123456789abcdef0',
      computeEnvironment: { name: ce },
      accountId: '123456789012',
      region: 'us-east-1',
    },
    findings,
    toolVersion: '0.1.0',
    now: NOW,
  });
}

const waiver = (overrides: Partial<Waiver> = {}): Waiver => ({
  rule: 'image-hvm',
  match: { computeEnvironment: 'legacy-*' },
  reason: 'Paravirtual until the Q2 migration.',
  owner: 'platform@example.com',
  expires: '2027-03-31',
  ...overrides,
});

describe('applyWaivers', () => {
  it('marks a covered FAIL as waived, keeps its status, and no longer FAILs the verdict', () => {
    const report = applyWaivers(amiReport('legacy-gpu'), [waiver()], NOW);

    expect(report.verdict).toBe('PASS');
    expect(report.findings[0]).toMatchObject({
      ruleId: 'image-hvm',
      status: 'FAIL',
      waiver: {
        reason: 'Paravirtual until the Q2 migration.',
        owner: 'platform@example.com',
        expires: '2027-03-31',
        expired: false,
      },
    });
    expect(report.summary).toMatchObject({ waived: 1, highestSeverity: 'high' });
  });

  it('leaves other compute environments, AMIs and accounts alone', () => {
    const waivers = [
      waiver({ match: { computeEnvironment: 'legacy-*' } }),
      waiver({ match: { amiId: 'ami-0fffffffffffffff0' } }),
      waiver({ match: { account: '999999999999' } }),
    ];
    const report = applyWaivers(amiReport('prod-gpu'), waivers, NOW);
    expect(report.verdict).toBe('FAIL');
    expect(report.findings[0]?.waiver).toBeUndefined();
  });

  it('requires every criterion of the match to hold', () => {
    const both = waiver({
      match: { computeEnvironment: 'legacy-*', amiId: 'ami-0fffffffffffffff0' },
    });
    expect(applyWaivers(amiReport('legacy-gpu'), [both], NOW).verdict).toBe('FAIL');
  });

  it('never covers a host audit with a compute environment criterion', () => {
    const host = buildReport({
      target: { kind: 'host', label: 'box', hostname: 'box' },
      findings: [hvmFail],
      toolVersion: '0.1.0',
      now: NOW,
    });
    expect(applyWaivers(host, [waiver()], NOW).verdict).toBe('FAIL');
    expect(applyWaivers(host, [waiver({ match: {} })], NOW).verdict).toBe('PASS');
  });

  it('applies through the last day of expiry, and says it expired the day after', () => {
    const lastDay = new Date('2027-03-31T23:59:59.999Z');
    const dayAfter = new Date('2027-04-01T00:00:00.000Z');

    expect(applyWaivers(amiReport('legacy-a'), [waiver()], lastDay).verdict).toBe('PASS');
    const expired = applyWaivers(amiReport('legacy-a'), [waiver()], dayAfter);
    expect(expired.verdict).toBe('FAIL');
    expect(expired.findings[0]?.waiver?.expired).toBe(true);
    expect(expired.summary).toMatchObject({ waived: 0, highestSeverity: 'critical' });
  });

  it('prefers a waiver in force over an expired one listed first (renewal by a new entry)', () => {
    const old = waiver({ expires: '2026-01-31', reason: 'old' });
    const renewed = waiver({ expires: '2027-06-30', reason: 'renewed' });
    const report = applyWaivers(amiReport('legacy-a'), [old, renewed], NOW);
    expect(report.findings[0]?.waiver).toMatchObject({ reason: 'renewed', expired: false });
  });

  it('never marks a PASS, and returns the same report when nothing is covered', () => {
    const passing = amiReport('legacy-a', [bootPass]);
    expect(applyWaivers(passing, [waiver({ rule: 'image-boot-mode' })], NOW)).toBe(passing);
  });

  it('shows the waiver in every report format', () => {
    const report = applyWaivers(amiReport('legacy-gpu'), [waiver()], NOW);

    const text = renderReport(report, 'text');
    expect(text).toContain('Waived (1, not counted in the verdict)');
    expect(text).toContain(
      'Waived by platform@example.com until 2027-03-31: Paravirtual until the Q2 migration.',
    );
    expect(text).toMatch(/^Verdict: PASS/);

    expect(renderReport(report, 'markdown')).toContain('| ❌ FAIL (waived) | `image-hvm` |');
    expect(renderReport(report, 'junit')).toContain(
      '<skipped message="waived: required rule FAIL: ami-0abc is paravirtual."/>',
    );
    expect(JSON.parse(renderReport(report, 'json')).findings[0].waiver).toEqual({
      reason: 'Paravirtual until the Q2 migration.',
      owner: 'platform@example.com',
      expires: '2027-03-31',
      expired: false,
    });
  });

  it('says in the text report that a waiver expired, under Problems', () => {
    const report = applyWaivers(amiReport('legacy-gpu'), [waiver({ expires: '2026-01-01' })], NOW);
    const text = renderReport(report, 'text');
    expect(text).toMatch(/Problems \(1\)[\s\S]*Waiver expired on 2026-01-01/);
    expect(text).not.toContain('Waived (');
  });
});

describe('isExpired', () => {
  it('compares calendar days in UTC', () => {
    expect(isExpired('2027-03-31', new Date('2027-03-31T00:00:00Z'))).toBe(false);
    expect(isExpired('2027-03-31', new Date('2027-04-01T00:00:00Z'))).toBe(true);
  });
});
