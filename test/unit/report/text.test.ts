import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../shared/core/report';
import { ALWAYS, PLAIN } from '../../../shared/report/paint';
import { renderText } from '../../../shared/report/text';
import {
  erroredReport,
  failingReport,
  finding,
  hostileReport,
  inconclusiveReport,
  NOW,
  passingReport,
  run,
} from './support/reports';

const ESC = '\u001b[';

describe('renderText', () => {
  it('puts the verdict on the first line and a summary of passes at the end of a PASS', () => {
    const lines = renderText(passingReport).trimEnd().split('\n');

    expect(lines[0]).toBe('Verdict: PASS for good-box');
    expect(lines).not.toContain('Problems (0)');
    expect(lines.at(-2)).toBe(
      'Summary: PASS: 0 problems, 0 warnings, 2 passed, 1 not applicable (3 rules)',
    );
  });

  it('lists problems with message, evidence and fix, then warnings, then the summary', () => {
    const out = renderText(failingReport);

    expect(out.split('\n')[0]).toBe('Verdict: FAIL for old-box');
    expect(out).toContain(
      [
        'Problems (1)',
        '  FAIL kernel-version: Linux kernel is 3.10 or newer [required, critical]',
        '    Kernel 3.2.0-4-amd64 is older than 3.10, the minimum AWS Batch supports.',
        '    Evidence: cmd:uname -r: 3.2.0-4-amd64 (exit 0)',
        '    Fix: Rebuild the AMI from a current base image whose kernel is 3.10 or newer.',
      ].join('\n'),
    );
    const warnings = out.indexOf('Warnings (1, not counted in the verdict)');
    expect(warnings).toBeGreaterThan(out.indexOf('Problems (1)'));
    expect(out.indexOf('FAIL ecs-agent-current')).toBeGreaterThan(warnings);
    expect(out.indexOf('Summary: FAIL: 1 problem, 1 warning, 1 passed')).toBeGreaterThan(warnings);
    expect(out).not.toContain('docker-version');
  });

  it('gives the reason of an INCONCLUSIVE verdict and words the fix as conditional', () => {
    const out = renderText(inconclusiveReport);

    expect(out).toMatch(
      /^Verdict: INCONCLUSIVE for ami-0abc \(my-ce\)\nReason: The probe instance never came online/,
    );
    expect(out).toContain('  INCONCLUSIVE kernel-version:');
    expect(out).toContain('    Fix if failing: Rebuild the AMI from a current base image.');
  });

  it('lists a rule that errored as a problem', () => {
    expect(renderText(erroredReport)).toContain(
      '  ERROR ecs-config: ecs-config title [required, high]\n    The rule could not be evaluated: boom',
    );
  });

  it('wraps long text to 100 columns with a hanging indent', () => {
    const long = buildReport({
      target: { kind: 'host', label: 'box' },
      findings: [
        finding({ ruleId: 'wordy', status: 'FAIL', remediation: 'Do this thing. '.repeat(30) }),
      ],
      toolVersion: '0.1.0',
      now: NOW,
    });
    const lines = renderText(long).split('\n');
    const fix = lines.findIndex((l) => l.startsWith('    Fix: '));

    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines[fix + 1]).toMatch(/^ {6}\S/);
  });

  it('colours only when the paint says so', () => {
    expect(renderText(failingReport, { paint: ALWAYS })).toContain(`${ESC}31mFAIL`);
    expect(renderText(failingReport, { paint: PLAIN })).not.toContain(ESC);
  });

  it('shows control characters from hosts as escapes instead of sending them to the terminal', () => {
    const out = renderText(hostileReport);

    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0000');
    expect(out).toContain('\\x1b[31mred');
  });

  it('gives the overall verdict of a run first and last, and every target in between', () => {
    const out = renderText(run);
    const lines = out.trimEnd().split('\n');

    expect(lines[0]).toBe('Verdict: FAIL for 3 targets (1 FAIL, 1 INCONCLUSIVE, 1 PASS)');
    expect(lines.at(-1)).toBe('Overall: FAIL for 3 targets (1 FAIL, 1 INCONCLUSIVE, 1 PASS)');
    for (const label of ['old-box', 'good-box', 'ami-0abc (my-ce)']) {
      expect(out).toContain(`for ${label}\n`);
    }
  });
});
