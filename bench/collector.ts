/**
 * Collector benchmark: output size and run time of collect.sh on every fixture
 * host and on this machine, against SSM Run Command's 24,000-character inline
 * output limit.
 *
 *   node bench/collector.ts [--runs 9] [--shell /usr/bin/dash]
 *
 * Node built-ins only, so it runs without a bundler or a test runner. Exits 1
 * when any output passes the limit.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const LIMIT = 24_000;
const REPO = resolve(import.meta.dirname, '..');
const HOSTS = join(REPO, 'test/fixtures/hosts');
const SCRIPT = readFileSync(join(REPO, 'shared/collector/collect.sh'), 'utf8');
const UTILITIES = [
  'awk',
  'cat',
  'date',
  'df',
  'find',
  'grep',
  'head',
  'sed',
  'sort',
  'stat',
  'timeout',
  'uniq',
  'wc',
];

interface Row {
  readonly name: string;
  readonly chars: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    shell: { type: 'string', default: '/usr/bin/dash' },
  },
});
const runs = Number(values.runs);
const shell = values.shell;

const work = mkdtempSync(join(tmpdir(), 'baa-bench-'));
try {
  const sandbox = sandboxBin(join(work, 'sandbox-bin'));
  const rows: Row[] = [];
  cpSync(join(HOSTS, '_stubs'), join(work, 'hosts', '_stubs'), { recursive: true });
  for (const name of fixtureNames()) {
    const host = prepare(name);
    rows.push(measure(name, join(host, 'root'), `${join(host, 'bin')}${delimiter}${sandbox}`));
  }
  rows.push(measure('(this machine)', '/', process.env.PATH ?? ''));
  print(rows);
  process.exitCode = rows.some((row) => row.chars > LIMIT) ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function fixtureNames(): string[] {
  return readdirSync(HOSTS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(HOSTS, entry.name, 'host.json')))
    .map((entry) => entry.name)
    .sort();
}

/** A copy of the fixture with its empty directories and mtimes restored (git keeps neither). */
function prepare(name: string): string {
  const host = join(work, 'hosts', name);
  cpSync(join(HOSTS, name), host, { recursive: true, verbatimSymlinks: true });
  const meta = JSON.parse(readFileSync(join(host, 'host.json'), 'utf8')) as {
    emptyDirs?: string[];
    mtimes?: Record<string, number>;
  };
  for (const dir of meta.emptyDirs ?? []) mkdirSync(join(host, 'root', dir), { recursive: true });
  for (const [path, time] of Object.entries(meta.mtimes ?? {}))
    utimesSync(join(host, 'root', path), time, time);
  return host;
}

function sandboxBin(dir: string): string {
  mkdirSync(dir);
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const utility of UTILITIES) {
    const found = path.map((p) => join(p, utility)).find((candidate) => existsSync(candidate));
    if (!found) throw new Error(`${utility} is not on PATH`);
    symlinkSync(found, join(dir, utility));
  }
  return dir;
}

function measure(name: string, root: string, path: string): Row {
  const times: number[] = [];
  let chars = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync(shell, ['-s'], {
      input: SCRIPT,
      env: { PATH: path, BAA_ROOT: root, LC_ALL: 'C' },
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

function print(rows: readonly Row[]): void {
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
