/**
 * Bundle benchmark: per Lambda function, the size of its bundle, the SDK clients it carries,
 * and the time a fresh Node process takes to import it (what a cold start pays before the
 * handler runs), with the AWS SDK bundled (as deployed, docs/adr/0002-bundle-the-aws-sdk.md)
 * and with the SDK left to the runtime (`@aws-sdk/*` and `@smithy/*` external, loaded from
 * node_modules here). Imports run as deployed: with the linked source map and
 * `--enable-source-maps` (serverless.yml `NODE_OPTIONS`); the bundled variant is also timed
 * without, to show what the source maps cost.
 *
 * Run: npm run bench -- bundles
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleFunction, functionNames } from './function-bundle';
import { type Figure, kb, median, ms } from './summary';
import { printTable } from './table';

const RUNS = 5;
/**
 * What the functions' module scope reads from the environment, as serverless.yml sets it
 * (dummy values; nothing is called at import). The probe wiring of the change and sweep
 * functions is on, as deployed.
 */
const FUNCTION_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
  FINDING_STATE_TABLE: 'bench-finding-states',
  ROUTING_TAGS: 'team,owner',
  PROBE_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench-probe',
  PROBE_FACTS_TABLE: 'bench-probe-facts',
  SLACK_WEBHOOK_PARAMETER: '/bench/slack-webhook',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
};

interface Variant {
  readonly bytes: number;
  /** Import time as deployed, source maps on. */
  readonly importMs: number | string;
}

interface Row {
  readonly name: string;
  readonly clients: readonly string[];
  readonly zipped: number;
  readonly bundled: Variant;
  /** The bundled variant's import time without --enable-source-maps. */
  readonly noMapsMs: number | string;
  readonly external: Variant;
}

/** Median milliseconds for a fresh `node` to import the bundle (process start excluded). */
function importMillis(file: string, sourceMaps = true): number | string {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(performance.now()-t)`;
  const flags = sourceMaps ? ['--enable-source-maps'] : [];
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV },
      encoding: 'utf8',
    });
    if (run.status !== 0)
      return `error: ${run.stderr.split('\n').find((l) => l.trim()) ?? run.status}`;
    times.push(Number(run.stdout.trim()));
  }
  return median(times);
}

const time = (value: number | string) => (typeof value === 'number' ? ms(value) : value);

async function measure(name: string, dir: string): Promise<Row> {
  const variant = async (sdkExternal: boolean) => {
    const bundle = await bundleFunction(name, sdkExternal);
    const folder = join(dir, sdkExternal ? 'sdk-external' : 'sdk-bundled');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${name}.mjs`);
    writeFileSync(file, bundle.code);
    writeFileSync(`${file}.map`, bundle.map);
    return { bundle, file, variant: { bytes: bundle.code.length, importMs: importMillis(file) } };
  };
  const bundled = await variant(false);
  const external = await variant(true);
  return {
    name,
    clients: bundled.bundle.clients,
    zipped: gzipSync(bundled.bundle.code).length,
    bundled: bundled.variant,
    noMapsMs: importMillis(bundled.file, false),
    external: external.variant,
  };
}

export async function benchBundles(): Promise<Figure[]> {
  // Inside the repository, so the SDK-external variant resolves the SDK from node_modules.
  const dir = mkdtempSync(join(resolve('node_modules'), '.bench-bundles-'));
  const rows: Row[] = [];
  try {
    for (const name of functionNames()) rows.push(await measure(name, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nLambda bundles (minified ESM; import time: median of ${RUNS} fresh processes, with --enable-source-maps as deployed unless said)`,
  );
  printTable(
    ['function', 'SDK bundled', 'gzip', 'import', 'import, no maps', 'SDK from runtime', 'import'],
    rows.map((r) => [
      r.name,
      kb(r.bundled.bytes),
      kb(r.zipped),
      time(r.bundled.importMs),
      time(r.noMapsMs),
      kb(r.external.bytes),
      time(r.external.importMs),
    ]),
  );
  console.log('\nSDK clients in each bundle (esbuild metafile)');
  printTable(
    ['function', 'clients'],
    rows.map((r) => [r.name, r.clients.join(', ')]),
    { align: 'left' },
  );
  return rows.map((r) => ({
    figure: r.name,
    value: `${kb(r.bundled.bytes)} (gzip ${kb(r.zipped)}), import ${time(r.bundled.importMs)} | SDK from runtime: ${kb(r.external.bytes)}, import ${time(r.external.importMs)}`,
  }));
}
