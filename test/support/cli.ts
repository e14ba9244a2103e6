/**
 * Runs the built CLI (test/support/global-setup.ts bundles it once before the suite) the way a user
 * does: `node bin/batch-ami-audit.mjs …` in a child process.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI with `args`. The environment is minimal, so colour settings of the test runner
 * (FORCE_COLOR, NO_COLOR) do not leak in; pass them in `env` to test them.
 */
export function runCli(
  args: readonly string[],
  options: { readonly input?: string; readonly env?: Readonly<Record<string, string>> } = {},
): CliResult {
  const result = spawnSync(process.execPath, ['bin/batch-ami-audit.mjs', ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
