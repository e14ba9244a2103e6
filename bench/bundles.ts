/**
 * Bundle benchmark: per Lambda function, the size of its bundle and the time a fresh Node
 * process takes to import it (what a cold start pays before the handler runs), with the AWS
 * SDK bundled (as deployed, docs/adr/0002-bundle-the-aws-sdk.md) and with the SDK left to the
 * runtime (`@aws-sdk/*` and `@smithy/*` external, loaded from node_modules here).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { printTable } from './table';

const RUNS = 5;
/** What every function's module scope reads from the environment (dummy values). */
const FUNCTION_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
};

async function bundle(entry: string, outfile: string, sdkExternal: boolean): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    loader: { '.sh': 'text' },
    external: sdkExternal ? ['@aws-sdk/*', '@smithy/*'] : [],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
}

/** Median milliseconds for a fresh `node` to import the bundle (process start excluded). */
function importMillis(file: string, env: Record<string, string>): number | string {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(performance.now()-t)`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    if (run.status !== 0)
      return `error: ${run.stderr.split('\n').find((l) => l.trim()) ?? run.status}`;
    times.push(Number(run.stdout.trim()));
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number | string) =>
  typeof value === 'number' ? `${value.toFixed(0)} ms` : value;

export async function benchBundles(env: Record<string, string> = {}): Promise<void> {
  const functions = readdirSync('functions')
    .filter((f) => f.endsWith('.ts'))
    .sort();
  // Inside the repository, so the SDK-external variant resolves the SDK from node_modules.
  const dir = mkdtempSync(join(resolve('node_modules'), '.bench-bundles-'));
  const rows: string[][] = [];
  try {
    for (const file of functions) {
      const name = file.replace(/\.ts$/, '');
      const bundled = join(dir, `${name}.mjs`);
      const external = join(dir, `${name}.external.mjs`);
      await bundle(join('functions', file), bundled, false);
      await bundle(join('functions', file), external, true);
      const environment = { ...FUNCTION_ENV, ...env };
      rows.push([
        name,
        kb(statSync(bundled).size),
        kb(gzipSync(readFileSync(bundled)).length),
        ms(importMillis(bundled, environment)),
        kb(statSync(external).size),
        ms(importMillis(external, environment)),
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nLambda bundles (minified ESM; import time: median of ${RUNS} fresh processes)`);
  printTable(['function', 'SDK bundled', 'zipped', 'import', 'SDK from runtime', 'import'], rows);
}
