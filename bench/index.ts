/**
 * Every benchmark, one command: `npm run bench` (or `npm run bench -- <name>...`).
 * Benchmarks print figures; they assert nothing and never run in the test suite.
 */
import { benchBundles } from './bundles';
import { benchCollector } from './collector';
import { benchProbe } from './probe';
import { benchSweep } from './sweep';

const BENCHMARKS: Readonly<Record<string, () => Promise<void>>> = {
  bundles: () => benchBundles(),
  collector: async () => {
    await benchCollector();
  },
  sweep: benchSweep,
  probe: benchProbe,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`,
  );
  process.exit(64);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHMARKS)) {
  await (BENCHMARKS[name] as () => Promise<void>)();
}
