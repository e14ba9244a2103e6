/**
 * Every benchmark, one command: `npm run bench` (or `npm run bench -- <name>...`). Each prints
 * its detailed tables, then the run ends with one summary table of every figure.
 * Benchmarks print figures; they assert nothing and never run in the test suite.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { benchBundles } from './bundles';
import { benchCollector } from './collector';
import { benchProbe } from './probe';
import { benchStaticVerdict } from './static-verdict';
import { type BenchmarkFigures, type Figure, printSummary } from './summary';
import { benchSweep } from './sweep';

const BENCHMARKS: Readonly<
  Record<string, { title: string; run: () => Promise<readonly Figure[]> }>
> = {
  bundles: { title: 'Lambda bundles', run: benchBundles },
  static: { title: 'static verdict', run: benchStaticVerdict },
  probe: { title: 'probe (simulated clock)', run: benchProbe },
  sweep: { title: 'sweep 500 CEs / 25 AMIs', run: benchSweep },
  collector: { title: 'collector', run: async () => (await benchCollector()).figures },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`,
  );
  process.exit(64);
}

const results: BenchmarkFigures[] = [];
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHMARKS)) {
  const { title, run } = BENCHMARKS[name] as (typeof BENCHMARKS)[string];
  results.push({ benchmark: title, figures: await run() });
}
// Timings are only as quiet as the machine: the load average says how busy it was.
console.log(
  `\nMachine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} CPUs, Node ${process.versions.node}, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
printSummary(results);
