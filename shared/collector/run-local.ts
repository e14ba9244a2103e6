/** Runs the collector on this machine (the CLI's `host` command, and the tests). */
import { spawn } from 'node:child_process';
import { CollectorRunError } from '../errors';
import { COLLECTOR_SCRIPT } from './script';

const DEFAULT_TIMEOUT_MS = 30_000;

export interface RunCollectorOptions {
  /** Root prefix to read files under (default `/`). */
  readonly root?: string;
  /** Environment for the script (PATH decides which commands it finds); default: this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the collector after this long (default 30 s; it normally takes well under 5 s). */
  readonly timeoutMs?: number;
  /** Shell to run it with (default `sh`); the tests also run it under `dash` and `bash`. */
  readonly shell?: string;
}

/**
 * Runs the collector with `sh -s` (the script on stdin, as SSM does not need a
 * file either) and returns its raw output for {@link parseCollectorOutput}.
 *
 * @throws CollectorRunError when the shell cannot be started, or the run times out.
 * @example
 * const facts = parseCollectorOutput(await runCollector({ root: '/' }));
 */
export function runCollector(options: RunCollectorOptions = {}): Promise<string> {
  const shell = options.shell ?? 'sh';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const env = { ...(options.env ?? process.env), BAA_ROOT: options.root ?? '/' };
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout kills the commands it started too.
    const child = spawn(shell, ['-s'], { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish(() =>
        reject(new CollectorRunError(`the collector did not finish within ${timeoutMs} ms`)),
      );
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) =>
      finish(() =>
        reject(
          new CollectorRunError(`could not start the collector with ${shell}: ${error.message}`, {
            cause: error,
          }),
        ),
      ),
    );
    child.on('close', (code, signal) =>
      finish(() => {
        // The script always exits 0; anything else means the shell itself failed.
        if (code !== 0) {
          const detail = Buffer.concat(stderr).toString('utf8').trim().split('\n')[0] ?? '';
          reject(
            new CollectorRunError(
              `the collector exited with ${signal ?? `status ${code}`}${detail ? `: ${detail}` : ''}`,
            ),
          );
          return;
        }
        resolve(Buffer.concat(stdout).toString('utf8'));
      }),
    );
    // A shell that dies early closes stdin: that surfaces through 'close', not as an EPIPE crash.
    child.stdin.on('error', () => undefined);
    child.stdin.end(COLLECTOR_SCRIPT);
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
