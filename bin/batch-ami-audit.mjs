#!/usr/bin/env node
// Entry point of the `batch-ami-audit` command. The CLI itself is bundled into
// dist/cli.mjs by `npm run build` (scripts/run builds it for you).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('batch-ami-audit: dist/cli.mjs is missing; run `npm run build` first.\n');
  process.exit(70);
}
await import(bundle.href);
