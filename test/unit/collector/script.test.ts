/**
 * The collector script itself: POSIX sh that dash and bash both run cleanly
 * (also with unset variables treated as errors), read-only, and versioned.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_COLLECTOR_VERSIONS } from '../../../shared/collector/parse/framing';
import { COLLECTOR_SCRIPT, COLLECTOR_VERSION } from '../../../shared/collector/script';
import { fixtureHostNames, runFixtureHost, withFixtureHost } from '../../support/fixture-host';

const SCRIPT_PATH = resolve(import.meta.dirname, '../../../shared/collector/collect.sh');

/** The script's shell code: comments and the multi-line awk program (which is not sh) dropped. */
function codeLines(): string[] {
  const withoutAwk = COLLECTOR_SCRIPT.replace(/^REDACT_AWK='$[\s\S]*?^'$/m, '');
  expect(withoutAwk).not.toBe(COLLECTOR_SCRIPT);
  return withoutAwk.split('\n').filter((line) => !/^\s*#/.test(line));
}

describe('collect.sh', () => {
  it('is the text COLLECTOR_SCRIPT ships', () => {
    expect(COLLECTOR_SCRIPT).toBe(readFileSync(SCRIPT_PATH, 'utf8'));
  });

  it.each(['/usr/bin/dash', '/usr/bin/bash', 'sh'])('parses under %s -n', (shell) => {
    const result = spawnSync(shell, ['-n', SCRIPT_PATH], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each([
    ['[[ ]] tests', /\[\[/],
    ['the function keyword', /^\s*function\s/],
    ["$'...' strings", /\$'/],
    ['process substitution', /[<>]\(/],
    ['echo -e', /echo\s+-e/],
    ['local variables', /^\s*local\s/],
    ['arrays', /\w+=\(|\$\{\w+\[/],
    ['&> redirection', /&>/],
    ['pattern substitution (var//a/b)', /\$\{\w+\/\//],
  ])('uses no bash-ism: %s', (_name, pattern) => {
    expect(codeLines().filter((line) => pattern.test(line))).toEqual([]);
  });

  it('writes to no file: every redirection goes to /dev/null or another descriptor', () => {
    const writes = codeLines().flatMap((line) =>
      [...line.matchAll(/\d?>+\s*([^&\s)][^\s)]*)/g)]
        .map((match) => match[1])
        .filter((target) => target !== '/dev/null'),
    );
    expect(writes).toEqual([]);
  });

  it('declares the version COLLECTOR_VERSION reports, which the parser reads', async () => {
    const raw = await runFixtureHost('no-ecs-agent');
    expect(raw.split('\n')[0]).toMatch(
      new RegExp(`^@@@ batch-ami-auditor collector ${COLLECTOR_VERSION} `),
    );
    expect(SUPPORTED_COLLECTOR_VERSIONS).toContain(COLLECTOR_VERSION);
  });
});

describe.each(fixtureHostNames())('collect.sh with unset variables as errors, on %s', (name) => {
  it.each([
    ['/usr/bin/dash', ['-u']],
    ['/usr/bin/bash', ['--posix', '-u']],
  ])('runs cleanly under %s %j', async (shell, flags) => {
    await withFixtureHost(name, {}, async ({ root, env }) => {
      const result = spawnSync(shell, [...flags, SCRIPT_PATH], {
        env: { ...env, BAA_ROOT: root },
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('@@@ end');
    });
  });
});

describe('collect.sh is read-only', () => {
  it('leaves every file of the host as it found it', async () => {
    await withFixtureHost('al2023-ecs-gpu', {}, async ({ root, env }) => {
      const before = snapshot(root);
      const result = spawnSync('/usr/bin/dash', [SCRIPT_PATH, '--root', root], {
        env,
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      expect(snapshot(root)).toEqual(before);
    });
  });
});

/** Every path below `dir` with its size and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((path) => {
      const stat = statSync(join(dir, path), { throwIfNoEntry: false });
      return `${path} ${stat?.size ?? '-'} ${stat?.mtimeMs ?? '-'}`;
    });
}
