/**
 * Runs once before the suite. Integration suites start their own moto_server
 * (see `moto.ts`); this checks the runtime and builds the CLI the
 * spawn tests run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    throw new Error(
      `Node ${process.versions.node} is too old for this suite: run it through scripts/run (it installs Node 24).`,
    );
  }
  // Bundle the CLI once, before any test file spawns it (never while one is running it).
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    stdio: 'inherit',
  });
}
