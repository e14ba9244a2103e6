// Runs a TypeScript entry point of this project (a benchmark, a generator) with Node:
// bundles it with esbuild (the project's imports are extensionless, which Node's own type
// stripping cannot resolve; `.sh` files load as text, as in the Lambda bundles) into a
// temporary file beside node_modules, then imports it. Usage: node scripts/run-ts.mjs <file.ts> [args]
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args...]\n');
  process.exit(64);
}
const dir = mkdtempSync(join(resolve('node_modules'), '.run-ts-'));
const outfile = join(dir, 'entry.mjs');
try {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    loader: { '.sh': 'text' },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.argv = [process.argv[0], resolve(entry), ...args];
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
