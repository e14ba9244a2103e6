// Bundles the CLI into dist/cli.mjs. Dependencies stay external: the CLI runs
// from a checkout or an npm install, where node_modules is present.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  loader: { '.sh': 'text' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
