/**
 * Collector benchmark: output size and run time of collect.sh on every fixture
 * host and on this machine, against SSM Run Command's 24,000-character inline
 * output limit.
 *
 *   npm run bench -- collector          (part of the summary of `npm run bench`)
 *   node scripts/run-ts.mjs bench/collector.ts [--runs 9] [--shell /usr/bin/dash]
 *
 * Run directly, it exits 1 when any output passes the limit; a benchmark
 * runner imports {@link benchCollector} instead.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fixtureHostNames, withFixtureHost } from '../test/support/fixture-host';
import { type Figure, median } from './summary';

const LIMIT = 24_000;
// Benchmarks run from the repository root (`npm run bench`, or `node bench/collector.ts` there).
const REPO = process.cwd();
const SCRIPT = readFileSync(join(REPO, 'shared/collector/collect.sh'), 'utf8');

interface Row {
  readonly name: string;
  readonly chars: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface BenchCollectorOptions {
  /** Runs per host; the median is reported (default 9). */
  readonly runs?: number;
  /** Shell to run the script with (default /usr/bin/dash). */
  readonly shell?: string;
}

export interface CollectorBench {
  /** The largest output in characters (a caller compares it with the 24,000 limit). */
  readonly largestChars: number;
  readonly figures: readonly Figure[];
}

/** Measures every fixture host and this machine, prints the table, and returns the figures. */
export async function benchCollector(options: BenchCollectorOptions = {}): Promise<CollectorBench> {
  const runs = options.runs ?? 9;
  const shell = options.shell ?? '/usr/bin/dash';
  const rows: Row[] = [];
  for (const name of fixtureHostNames()) {
    // The copy is prepared outside the timed runs: only the collector itself is measured.
    rows.push(
      await withFixtureHost(name, {}, async ({ root, env }) =>
        measure({ name, root, env, runs, shell }),
      ),
    );
  }
  const machineEnv = { PATH: process.env.PATH ?? '', LC_ALL: 'C' };
  rows.push(measure({ name: '(this machine)', root: '/', env: machineEnv, runs, shell }));
  print(rows, runs, shell);
  return { largestChars: Math.max(...rows.map((row) => row.chars)), figures: figuresOf(rows) };
}

// Run directly (`node bench/collector.ts`), not when a benchmark runner imports it.
if (process.argv[1]?.endsWith('collector.ts')) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '9' },
      shell: { type: 'string', default: '/usr/bin/dash' },
    },
  });
  const { largestChars } = await benchCollector({
    runs: Number(values.runs),
    shell: values.shell,
  });
  process.exitCode = largestChars > LIMIT ? 1 : 0;
}

function measure({
  name,
  root,
  env,
  runs,
  shell,
}: {
  name: string;
  root: string;
  env: NodeJS.ProcessEnv;
  runs: number;
  shell: string;
}): Row {
  const times: number[] = [];
  let chars = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync(shell, ['-s'], {
      input: SCRIPT,
      env: { ...env, BAA_ROOT: root },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    times.push(performance.now() - started);
    if (result.status !== 0)
      throw new Error(`${name}: ${shell} exited ${result.status}: ${result.stderr}`);
    chars = result.stdout.length;
  }
  times.sort((a, b) => a - b);
  return {
    name,
    chars,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    minMs: times[0] ?? 0,
    maxMs: times.at(-1) ?? 0,
  };
}

function print(rows: readonly Row[], runs: number, shell: string): void {
  const width = Math.max(...rows.map((row) => row.name.length), 'fixture'.length);
  const line = (cells: string[]) =>
    console.log(
      cells.map((cell, i) => (i === 0 ? cell.padEnd(width) : cell.padStart(10))).join('  '),
    );
  console.log(`collect.sh under ${shell}, ${runs} runs each\n`);
  line(['fixture', 'chars', 'median ms', 'min ms', 'max ms']);
  line(['-'.repeat(width), ...Array(4).fill('-'.repeat(10))]);
  for (const row of rows) {
    line([
      row.name,
      String(row.chars),
      row.medianMs.toFixed(1),
      row.minMs.toFixed(1),
      row.maxMs.toFixed(1),
    ]);
  }
  const largest = rows.reduce((a, b) => (b.chars > a.chars ? b : a));
  const percent = ((largest.chars / LIMIT) * 100).toFixed(1);
  console.log(
    `\nlargest output: ${largest.chars} characters (${largest.name}), ${percent}% of the ${LIMIT} limit`,
  );
}

/** Size and time of the collector: the largest output, and run times across hosts. */
function figuresOf(rows: readonly Row[]): Figure[] {
  const largest = rows.reduce((a, b) => (b.chars > a.chars ? b : a));
  const fixtures = rows.filter((row) => row.name !== '(this machine)');
  const self = rows.find((row) => row.name === '(this machine)');
  const slowest = fixtures.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  const percent = ((largest.chars / LIMIT) * 100).toFixed(1);
  return [
    {
      figure: 'largest output (SSM inline limit 24,000)',
      value: `${largest.chars} chars, ${percent}% (${largest.name})`,
    },
    {
      figure: `run time, median over ${fixtures.length} fixture hosts`,
      value: `${median(fixtures.map((row) => row.medianMs)).toFixed(0)} ms (slowest ${slowest.medianMs.toFixed(0)} ms, ${slowest.name})`,
    },
    {
      figure: 'run time on this machine',
      value: `${(self?.medianMs ?? Number.NaN).toFixed(0)} ms`,
    },
  ];
}
