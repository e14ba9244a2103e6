import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../../cli/exit-codes';
import { createProgram } from '../../../cli/program';

const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');

describe('docs/cli.md', () => {
  it('documents every exit code the CLI can end with', () => {
    const missing = Object.values(EXIT_CODES).filter((code) => !doc.includes(`\n| ${code} | `));
    expect(missing).toEqual([]);
  });

  it('documents every command', () => {
    const commands = createProgram().commands.map((command) => command.name());
    expect(commands).toContain('sweep');
    for (const command of commands) {
      expect(doc).toMatch(new RegExp(`^### \`${command}[ \`]`, 'm'));
    }
  });
});
