/**
 * The CLI as a user meets it: the built bundle in a child process, asserting stdout, stderr
 * and the exit code. All spawn tests live in this one file so `npm run build` runs once and
 * never rewrites dist/cli.mjs while another test file is running it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditReportSchema } from '../../../shared/core/report-schema';
import { ROOT, runCli } from '../../support/cli';
import { findAll, parseXml } from '../report/support/xml';

const OLD_KERNEL = 'test/fixtures/facts/debian7-kernel-3.2.json';
const AL2023 = 'test/fixtures/facts/al2023-ecs-host.json';
const INVALID = 'test/fixtures/facts/invalid-kernel-release.json';
const VERDICT_CODES = { PASS: 0, FAIL: 1, INCONCLUSIVE: 2 } as const;
const ESC = '\u001b[';

function kernelFinding(stdout: string) {
  const report = auditReportSchema.parse(JSON.parse(stdout));
  return { report, kernel: report.findings.find((f) => f.ruleId === 'kernel-version') };
}

describe('batch-ami-audit rules', () => {
  it('lists the catalogue with id, level, severity, scope and title', () => {
    const { code, stdout, stderr } = runCli(['rules']);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toMatch(/^ID +LEVEL +SEVERITY +SCOPE +TITLE$/);
    expect(stdout).toMatch(
      /^kernel-version +required +critical +host +Linux kernel is 3\.10 or newer$/m,
    );
  });

  it('prints JSON and Markdown catalogues', () => {
    const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout);
    const md = runCli(['rules', '--format', 'markdown']).stdout;

    expect(json).toContainEqual(
      expect.objectContaining({
        id: 'kernel-version',
        level: 'required',
        severity: 'critical',
        scope: 'host',
      }),
    );
    expect(md).toContain(
      '| `kernel-version` | required | critical | host | Linux kernel is 3.10 or newer |',
    );
  });
});

describe('batch-ami-audit score', () => {
  it('fails a host with kernel 3.2: exit 1, the failed rule, its evidence and fix', () => {
    const { code, stdout, stderr } = runCli(['score', OLD_KERNEL]);

    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toBe(`Verdict: FAIL for ${OLD_KERNEL}`);
    expect(stdout).toContain(
      '  FAIL kernel-version: Linux kernel is 3.10 or newer [required, critical]',
    );
    expect(stdout).toContain('    Evidence: cmd:uname -r: 3.2.0-4-amd64 (exit 0)');
    expect(stdout).toContain('    Fix: Rebuild the AMI');
  });

  it('prints a JSON report that validates against the schema, and exits with its verdict', () => {
    const { code, stdout } = runCli(['score', AL2023, '--format', 'json']);
    const { report, kernel } = kernelFinding(stdout);

    expect(kernel?.status).toBe('PASS');
    expect(report.target).toEqual({ kind: 'host', label: AL2023 });
    expect(code).toBe(VERDICT_CODES[report.verdict]);
  });

  it('reads stdin for -', () => {
    const { code, stdout } = runCli(['score', '-', '--format', 'json'], {
      input: readFileSync(join(ROOT, OLD_KERNEL), 'utf8'),
    });

    expect(code).toBe(1);
    expect(kernelFinding(stdout).kernel?.status).toBe('FAIL');
    expect(kernelFinding(stdout).report.target.label).toBe('stdin');
  });

  it('writes JUnit XML with a failure for the failed rule', () => {
    const { code, stdout } = runCli(['score', OLD_KERNEL, '--format', 'junit']);
    const failure = findAll(parseXml(stdout), 'testcase').find(
      (c) => c.attributes.name === 'kernel-version',
    );

    expect(code).toBe(1);
    expect(failure?.children[0]?.name).toBe('failure');
  });

  it('writes the report to --output, says so on stderr, and still exits with the verdict', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'baa-')), 'report.json');
    const { code, stdout, stderr } = runCli([
      'score',
      OLD_KERNEL,
      '--format',
      'json',
      '--output',
      file,
    ]);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`batch-ami-audit: wrote the json report to ${file} (verdict FAIL)\n`);
    expect(kernelFinding(readFileSync(file, 'utf8')).kernel?.status).toBe('FAIL');
  });

  it('exits 65 naming the file and the bad field of invalid facts', () => {
    const { code, stdout, stderr } = runCli(['score', INVALID]);

    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `batch-ami-audit: ${INVALID}: invalid host facts at kernel.release.value: expected string, received number\n`,
    );
  });

  it('exits 65 for a file that is neither JSON nor collector output', () => {
    const syntax = runCli(['score', '-'], { input: '{"schemaVersion": 1,' });
    const text = runCli(['score', '-'], { input: 'hello\n' });

    expect([syntax.code, text.code]).toEqual([65, 65]);
    expect(syntax.stderr).toMatch(/^batch-ami-audit: stdin: not valid JSON: .+\n$/);
    expect(text.stderr).toMatch(/^batch-ami-audit: stdin: not collector output: .+\n$/);
  });

  it('exits 66 when the file does not exist', () => {
    const { code, stderr } = runCli(['score', 'no/such/facts.json']);

    expect(code).toBe(66);
    expect(stderr).toBe(
      'batch-ami-audit: no/such/facts.json: cannot read: no such file or directory\n',
    );
  });

  it('exits 74 when --output cannot be written', () => {
    const { code, stderr } = runCli(['score', OLD_KERNEL, '--output', '/no/such/dir/report.txt']);

    expect(code).toBe(74);
    expect(stderr).toBe(
      'batch-ami-audit: /no/such/dir/report.txt: cannot write: no such file or directory\n',
    );
  });

  it('colours text only when forced, and never with --no-color or into a pipe', () => {
    expect(runCli(['score', OLD_KERNEL]).stdout).not.toContain(ESC);
    expect(runCli(['score', OLD_KERNEL], { env: { FORCE_COLOR: '1' } }).stdout).toContain(
      `${ESC}31mFAIL`,
    );
    expect(
      runCli(['score', OLD_KERNEL, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout,
    ).not.toContain(ESC);
  });
});

describe('usage errors', () => {
  it.each([
    [['score', OLD_KERNEL, '--bogus'], "batch-ami-audit: unknown option '--bogus'\n"],
    [['score'], "batch-ami-audit: missing required argument 'file'\n"],
    [['frobnicate'], "batch-ami-audit: unknown command 'frobnicate'\n"],
    [
      ['score', OLD_KERNEL, '--format', 'xml'],
      "batch-ami-audit: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, markdown, junit.\n",
    ],
    [
      ['rules', '--format', 'junit'],
      "batch-ami-audit: option '-f, --format <format>' argument 'junit' is invalid. Allowed choices are text, json, markdown.\n",
    ],
  ])('%j exits 64 with one line on stderr', (args, message) => {
    const { code, stdout, stderr } = runCli(args);

    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toBe(message);
  });

  it('exits 64, not 1, when no command is given', () => {
    const { code, stderr } = runCli([]);

    expect(code).toBe(64);
    expect(stderr).toContain('Usage: batch-ami-audit');
  });

  it('documents the exit codes in --help, which exits 0', () => {
    const { code, stdout } = runCli(['score', '--help']);

    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toMatch(/^ {2}2 {3}INCONCLUSIVE/m);
    expect(stdout).toMatch(/^ {2}65 {2}bad input data/m);
  });

  it('shows the stack of an error only with BAA_DEBUG=1', () => {
    expect(runCli(['score', 'missing.json']).stderr).not.toContain('    at ');
    expect(runCli(['score', 'missing.json'], { env: { BAA_DEBUG: '1' } }).stderr).toContain(
      '    at ',
    );
  });
});

describe('batch-ami-audit schema and collect --script', () => {
  it('prints the published report schema', () => {
    const { code, stdout } = runCli(['schema']);

    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(join(ROOT, 'docs/report.schema.json'), 'utf8'));
  });

  it('prints the collector script, to ship to a host', () => {
    const { code, stdout } = runCli(['collect', '--script']);

    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(join(ROOT, 'shared/collector/collect.sh'), 'utf8'));
  });
});

describe('with the real collector: host and collect', () => {
  it('FAILs with exit 1 on a machine without an ECS agent, naming the missing agent', () => {
    const { code, stdout } = runCli(['host', '--format', 'json']);
    const report = auditReportSchema.parse(JSON.parse(stdout));
    const agent = report.findings.find((f) => f.ruleId === 'ecs-agent-installed');
    // The test machines have no ECS agent; on one that has, this test says so instead of passing.
    expect(agent?.status, 'this machine has an ECS agent: run this test on one without').toBe(
      'FAIL',
    );
    expect(report.verdict).toBe('FAIL');
    expect(code).toBe(1);
  });

  it('host --format json prints a valid report for this machine and exits with its verdict', () => {
    const { code, stdout } = runCli(['host', '--format', 'json']);
    const report = auditReportSchema.parse(JSON.parse(stdout));

    expect(report.target).toEqual({ kind: 'host', label: hostname(), hostname: hostname() });
    expect(report.findings.map((f) => f.ruleId)).toContain('kernel-version');
    expect(code).toBe(VERDICT_CODES[report.verdict]);
  });

  it('collect output scored elsewhere gives the same verdict as host', () => {
    const raw = runCli(['collect']);
    const scored = runCli(['score', '-', '--format', 'json'], { input: raw.stdout });
    const host = runCli(['host', '--format', 'json']);

    expect(raw.code).toBe(0);
    expect(auditReportSchema.parse(JSON.parse(scored.stdout)).verdict).toBe(
      JSON.parse(host.stdout).verdict,
    );
    expect(scored.code).toBe(host.code);
  });
});
