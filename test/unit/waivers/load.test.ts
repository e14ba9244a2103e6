import { describe, expect, it } from 'vitest';
import { parseWaiverFile } from '../../../shared/waivers/load';
import { WaiverFileError } from '../../../shared/waivers/waiver-file-error';

const VALID = `version: 1
waivers:
  - rule: image-hvm
    match:
      computeEnvironment: legacy-*
      account: '123456789012'
    reason: Paravirtual until the Q2 migration (JIRA-123).
    owner: platform-team@example.com
    expires: 2027-03-31
`;

/** The error a file fails with; fails the test when it parses. */
function failure(text: string, path = 'waivers.yml'): WaiverFileError {
  try {
    parseWaiverFile(text, path);
  } catch (error) {
    if (error instanceof WaiverFileError) return error;
    throw error;
  }
  throw new Error('expected the waiver file to be rejected');
}

describe('parseWaiverFile', () => {
  it('reads a valid YAML file', () => {
    expect(parseWaiverFile(VALID, 'waivers.yml')).toEqual([
      {
        rule: 'image-hvm',
        match: { computeEnvironment: 'legacy-*', account: '123456789012' },
        reason: 'Paravirtual until the Q2 migration (JIRA-123).',
        owner: 'platform-team@example.com',
        expires: '2027-03-31',
      },
    ]);
  });

  it('reads the same file written as JSON', () => {
    const json = JSON.stringify({
      version: 1,
      waivers: [{ rule: 'image-hvm', match: {}, reason: 'r', owner: 'o', expires: '2027-01-01' }],
    });
    expect(parseWaiverFile(json, 'waivers.json')).toHaveLength(1);
  });

  it('accepts an empty list', () => {
    expect(parseWaiverFile('version: 1\nwaivers: []\n', 'waivers.yml')).toEqual([]);
  });

  it('names the path, line, column and field of a bad date', () => {
    const error = failure(VALID.replace('2027-03-31', '31/03/2027'));
    expect(error.message).toBe(
      'Invalid waiver file: waivers.yml:9:14: waivers[0].expires: expected a date, YYYY-MM-DD',
    );
    expect(error.problems).toEqual([
      { line: 9, column: 14, field: 'waivers[0].expires', message: 'expected a date, YYYY-MM-DD' },
    ]);
  });

  it('points at a misspelt key, not at the waiver that holds it', () => {
    const error = failure(VALID.replace('expires:', 'expiry:'));
    expect(error.problems.map((p) => [p.line, p.column, p.field])).toContainEqual([
      9,
      5,
      'waivers[0].expiry',
    ]);
    // …and says the real key is missing, at the waiver itself.
    expect(error.problems.map((p) => [p.line, p.field])).toContainEqual([3, 'waivers[0].expires']);
  });

  it('asks for an unquoted account id to be quoted (YAML would drop its leading zero)', () => {
    const error = failure(VALID.replace("'123456789012'", '012345678901'));
    expect(error.problems).toEqual([
      expect.objectContaining({
        line: 6,
        field: 'waivers[0].match.account',
        message: expect.stringContaining('quote the account id'),
      }),
    ]);
  });

  it('rejects a rule id the registry does not know, at its line', () => {
    const error = failure(VALID.replace('rule: image-hvm', 'rule: image-hvn'));
    expect(error.message).toContain('waivers.yml:3:11: waivers[0].rule: unknown rule "image-hvn"');
  });

  it('reports a YAML syntax error with its line', () => {
    const error = failure('version: 1\nwaivers: [\n  - rule: x\n', 'ops/waivers.yml');
    expect(error.message).toMatch(/^Invalid waiver file: ops\/waivers\.yml:\d+:\d+: /);
    expect(error.problems[0]?.line).toBeGreaterThan(1);
  });

  it('rejects a file without a version, and a waiver without an owner or reason', () => {
    const error = failure(
      'waivers:\n  - rule: image-hvm\n    match: {}\n    reason: " "\n    expires: 2027-01-01\n',
    );
    expect(error.problems.map((p) => p.field)).toEqual([
      'version',
      'waivers[0].reason',
      'waivers[0].owner',
    ]);
    expect(error.problems.find((p) => p.field === 'waivers[0].reason')?.line).toBe(4);
  });

  it('rejects an empty file rather than reading it as no waivers', () => {
    expect(failure('').problems[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('is an InvalidInputError, so the CLI exits 65 (bad input data)', async () => {
    const { InvalidInputError } = await import('../../../shared/errors');
    expect(failure('version: 2\nwaivers: []\n')).toBeInstanceOf(InvalidInputError);
  });
});
