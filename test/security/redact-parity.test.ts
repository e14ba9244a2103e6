/**
 * shared/collector/redact.ts redacts what never went through the collector (console output,
 * stderr) by the collector's own rules: it must agree with collect.sh's awk program, line for
 * line, on the planted credentials and on arbitrary lines made of the characters that matter.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../shared/collector/redact';
import { COLLECTOR_SCRIPT } from '../../shared/collector/script';

/** collect.sh's REDACT_AWK program, as the collector runs it. */
const REDACT_AWK = /\nREDACT_AWK='\n([\s\S]*?)\n'\n/.exec(COLLECTOR_SCRIPT)?.[1] ?? '';

/** What the collector prints for each line (without its `|` prefix). */
function collectorRedacts(lines: readonly string[]): string[] {
  const out = execFileSync('awk', [REDACT_AWK], {
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .slice(0, lines.length)
    .map((line) => line.slice(1));
}

const LINES = [
  'ECS_ENGINE_AUTH_DATA={"https://index.docker.io/v1/":{"auth":"c2VjcmV0","email":"a@b"}}',
  "export DB_PASSWORD='secret 03 with spaces'",
  'Environment="HTTPS_PROXY=http://user:secret-07@proxy:3128" "API_TOKEN=secret-08"',
  'ECS_AVAILABLE_LOGGING_DRIVERS=["json-file"] AWS_SESSION_TOKEN=secret-16',
  'DOCKER_REGISTRY_PASSWORD = secret-17',
  'REGISTRY_PWD=secret-18 SESSION_COOKIE=secret-19',
  'cloud-init[812]: + export AWS_SECRET_ACCESS_KEY=wJalr/secret',
  '{"password": "p\\"w", "user": "u", "identitytoken": "t"}',
  'X_TOKEN= spaced value',
  'ECS_CLUSTER=kept ECS_LOGLEVEL=info',
];

describe('the TypeScript redaction', () => {
  it('finds the awk program in the collector', () => {
    expect(REDACT_AWK).toContain('function redact_assignments');
  });

  it('redacts like the collector on every form of planted credential', () => {
    expect(LINES.map(redactSecrets)).toEqual(collectorRedacts(LINES));
    expect(redactSecrets(LINES.join('\n'))).not.toMatch(/secret-|c2VjcmV0|wJalr/);
  });

  it('redacts like the collector on arbitrary lines', () => {
    const pieces = fc.constantFrom(
      'TOKEN',
      'PASS',
      'key',
      'NAME',
      'x',
      '=',
      ' = ',
      ' ',
      '\t',
      '"',
      "'",
      '\\',
      ':',
      '{',
      '[',
      'export ',
      '://u:p@',
      '"auth": "',
      'v4lue',
    );
    const lines = fc.sample(
      fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
      {
        numRuns: 2000,
        seed: 20261128,
      },
    );
    const awk = collectorRedacts(lines);
    const mismatches = lines.filter((line, i) => redactSecrets(line) !== awk[i]);
    expect(mismatches).toEqual([]);
  });
});
