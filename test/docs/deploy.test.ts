/**
 * The operator docs stay true to the stack: docs/deploy.md documents every deploy parameter
 * (serverless.yml `params.default`) with its default, and every stack output; README.md keeps
 * its first two commands and points at docs/deploy.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

// serverless.yml uses CloudFormation tags (!Ref, !Sub, …), which plain YAML leaves unresolved.
const stack = parseDocument(read('serverless.yml'), { logLevel: 'silent' }).toJS() as {
  params: { default: Record<string, string | number> };
  resources: { Outputs: Record<string, unknown> };
};
const deploy = read('docs/deploy.md');
/** The parameter table's section, up to the next heading of its level or above. */
const parameters = deploy.slice(deploy.indexOf('### Parameters'), deploy.indexOf('\n## Outputs'));

/** The row of the parameter table that documents `name`, or undefined. */
function parameterRow(name: string): string | undefined {
  return parameters.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
}

describe('docs/deploy.md', () => {
  it.each(Object.entries(stack.params.default))(
    'documents the parameter %s and its default',
    (name, value) => {
      const row = parameterRow(name);
      expect(row, `no row for ${name} in the parameter table`).toBeDefined();
      const documented = row?.split('|')[2]?.trim();
      expect(documented).toBe(value === '' ? 'empty' : `\`${value}\``);
      // The full example command passes every parameter.
      expect(deploy).toContain(`--param="${name}=`);
    },
  );

  it('documents no parameter the stack does not have', () => {
    const rows = parameters
      .split('\n')
      .map((line) => /^\| `([a-zA-Z0-9]+)` \|/.exec(line)?.[1])
      .filter((name): name is string => Boolean(name));
    expect(rows.sort()).toEqual(Object.keys(stack.params.default).sort());
  });

  it.each(Object.keys(stack.resources.Outputs))('says what the output %s is for', (output) => {
    expect(deploy).toContain(`| \`${output}\` |`);
  });
});

describe('README.md', () => {
  const readme = read('README.md');

  it('starts with the two commands a new user runs first', () => {
    const firstScreen = readme.split('\n').slice(0, 20).join('\n');
    expect(firstScreen).toContain('scripts/run batch-ami-audit host');
    expect(firstScreen).toContain('scripts/run npm test');
  });

  it('deploys with the documented command and links the full guide', () => {
    expect(readme).toContain('scripts/run npx serverless deploy --stage prod');
    expect(readme).toContain('(docs/deploy.md)');
  });
});
