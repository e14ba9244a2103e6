/**
 * `--waivers <file>` on the report commands, run in-process through the real command tree
 * (the spawned-CLI tests own dist/; building it again here would race them).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../../../cli/errors';
import { createProgram } from '../../../cli/program';

const OLD_KERNEL = 'test/fixtures/facts/debian7-kernel-3.2.json';
const dir = mkdtempSync(join(tmpdir(), 'waivers-'));

/** Every required FAIL and INCONCLUSIVE of the kernel 3.2 fixture, waived until `expires`. */
function waiverFile(expires: string): string {
  const rules = [
    'kernel-version',
    'hvm-virtualization',
    'docker-version',
    'ecs-agent-installed',
    'ecs-agent-starts-at-boot',
    'awslogs-logging-driver',
  ];
  const path = join(dir, `waivers-${expires}.yml`);
  writeFileSync(
    path,
    `version: 1\nwaivers:\n${rules
      .map(
        (rule) =>
          `  - rule: ${rule}\n    match: {}\n    reason: Legacy image kept for a replay job.\n    owner: data-eng\n    expires: ${expires}\n`,
      )
      .join('')}`,
  );
  return path;
}

let stdout = '';
let stderr = '';

beforeEach(() => {
  stdout = '';
  stderr = '';
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function cli(...args: string[]): Promise<number> {
  try {
    await createProgram().parseAsync(['node', 'batch-ami-audit', ...args]);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return reportFailure(error, {});
  }
}

describe('score --waivers', () => {
  it('reports waived findings as waived and exits 0 when only waived findings failed', async () => {
    const code = await cli('score', OLD_KERNEL, '--waivers', waiverFile('2099-12-31'));

    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`Verdict: PASS for ${OLD_KERNEL}`);
    expect(stdout).toContain('Waived (6, not counted in the verdict)');
    expect(stdout).toContain(
      '    Waived by data-eng until 2099-12-31: Legacy image kept for a replay job.',
    );
  });

  it('marks them in JSON, and keeps their FAIL status', async () => {
    await cli('score', OLD_KERNEL, '--format', 'json', '--waivers', waiverFile('2099-12-31'));

    const report = JSON.parse(stdout);
    const kernel = report.findings.find((f: { ruleId: string }) => f.ruleId === 'kernel-version');
    expect(report.verdict).toBe('PASS');
    expect(kernel).toMatchObject({ status: 'FAIL', waiver: { owner: 'data-eng', expired: false } });
    expect(report.summary.waived).toBe(6);
  });

  it('fails again, saying so, once the waivers expired', async () => {
    const code = await cli('score', OLD_KERNEL, '--waivers', waiverFile('2020-01-31'));

    expect(code).toBe(1);
    expect(stdout).toContain('Waiver expired on 2020-01-31 (owner data-eng;');
  });

  it('refuses an invalid waiver file with its path and line, exit 65, before any report', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(
      bad,
      'version: 1\nwaivers:\n  - rule: kernel-version\n    match: {}\n    reason: r\n    owner: o\n    expires: soon\n',
    );

    const code = await cli('score', OLD_KERNEL, '--waivers', bad);

    expect(code).toBe(65);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `batch-ami-audit: Invalid waiver file: ${bad}:7:14: waivers[0].expires: expected a date, YYYY-MM-DD\n`,
    );
  });

  it('says which waiver file is missing, exit 66', async () => {
    const code = await cli('score', OLD_KERNEL, '--waivers', join(dir, 'nope.yml'));
    expect(code).toBe(66);
    expect(stderr).toContain('nope.yml: cannot read: no such file or directory');
  });
});
