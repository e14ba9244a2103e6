/**
 * Starts a private moto_server for one test file and stops it afterwards.
 * moto_server stands in for AWS in integration tests; it must be installed
 * (`pip install "moto[server]"`): a missing moto_server fails the suite rather
 * than skipping it, so CI can never go green without its integration tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface MotoServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  readonly port: number;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Sets moto's own configuration (POST /moto-api/config). */
  configure(config: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** SDK client settings that point at the server: dummy credentials, no retries on moto's 500s. */
export function motoClientConfig(server: MotoServer) {
  return {
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  };
}

/**
 * AMIs the server knows, instead of moto's defaults (whose boot modes and ENA flags are
 * all alike): real ids of the ECS-optimized images moto's SSM parameters point at, plus
 * paravirtual ones, described as DescribeImages describes them.
 */
// Relative to the repository root, the working directory of tests and of `npm run bench` (whose
// bundled entry has no import.meta.url to resolve against).
export const TEST_AMIS_PATH = resolve('test/fixtures/moto/amis.json');

export interface StartMotoOptions {
  /** A MOTO_AMIS_PATH file; defaults to TEST_AMIS_PATH; null keeps moto's own ~1,200 AMIs. */
  readonly amisPath?: string | null;
  /**
   * More environment for the server, e.g. REQUESTS_CA_BUNDLE so SNS can deliver to a local
   * HTTPS endpoint with a test certificate.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      MOTO_PORT: String(port),
      ...(options.amisPath === null ? {} : { MOTO_AMIS_PATH: options.amisPath ?? TEST_AMIS_PATH }),
      ...options.env,
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(
          `moto_server could not be started (${error.message}); install it with: pip install "moto[server]"`,
        ),
      ),
    );
  });
  await Promise.race([waitUntilReady(endpoint, child, () => stderr), spawnError]);

  const post = async (path: string, body?: unknown) => {
    const response = await fetch(`${endpoint}${path}`, {
      method: 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`moto ${path} answered ${response.status}`);
  };
  return {
    endpoint,
    port,
    reset: () => post('/moto-api/reset'),
    configure: (config) => post('/moto-api/config', config),
    stop: () => stopProcess(child),
  };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`moto_server exited with ${child.exitCode}: ${stderr()}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto_server did not answer on ${endpoint} within 20 s: ${stderr()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
