/**
 * Runs the built CLI (test/support/global-setup.ts bundles it once before the suite) the way a user
 * does: `node bin/batch-ami-audit.mjs …` in a child process.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
}

const CLI = 'bin/batch-ami-audit.mjs';
const TIMEOUT_MS = 60_000;

/**
 * The environment is minimal, so colour settings of the test runner (FORCE_COLOR, NO_COLOR) do
 * not leak in; pass them in `env` to test them.
 */
function cliEnvironment(options: CliOptions): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env };
}

/** Runs the CLI with `args` and waits for it, blocking this process meanwhile. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: cliEnvironment(options),
    timeout: TIMEOUT_MS,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves once the CLI exits. */
  readonly result: Promise<CliResult>;
  /** Resolves once stderr contains a match for `pattern` (progress the test reacts to). */
  stderrMatching(pattern: RegExp): Promise<string>;
}

/**
 * Starts the CLI without blocking this process: for tests that serve AWS to the CLI themselves,
 * or that signal it while it runs.
 */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: cliEnvironment(options),
    timeout: TIMEOUT_MS,
  });
  let stdout = '';
  let stderr = '';
  const waiting: {
    pattern: RegExp;
    resolve: (match: string) => void;
    reject: (error: Error) => void;
  }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiting]) {
      const match = waiter.pattern.exec(stderr);
      if (match) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(match[0]);
      }
    }
  });
  child.stdin.end(options.input ?? '');
  const result = new Promise<CliResult>((resolve) => {
    child.on('close', (code) => {
      for (const waiter of waiting.splice(0)) {
        waiter.reject(
          new Error(`the CLI exited (${code}) before stderr matched ${waiter.pattern}:\n${stderr}`),
        );
      }
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    result,
    stderrMatching: (pattern) => {
      const match = pattern.exec(stderr);
      if (match) return Promise.resolve(match[0]);
      return new Promise((resolve, reject) => waiting.push({ pattern, resolve, reject }));
    },
  };
}
