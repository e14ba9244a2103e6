// Bundles bench/probe.ts (the collector script is imported as text, which plain
// Node cannot do) and runs it. Usage: node bench/run.mjs
import { build } from 'esbuild';

const outfile = '.esbuild/bench-probe.mjs';
await build({
  entryPoints: ['bench/probe.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  loader: { '.sh': 'text' },
  logLevel: 'warning',
});
process.argv[1] = outfile;
await import(new URL(`../${outfile}`, import.meta.url).href);
