/**
 * Writes docs/rules.md from the rule metadata (`npm run docs:rules`).
 *
 * Node runs this file with type stripping, but the project's own modules use
 * extensionless imports that Node's ESM loader cannot resolve, so the catalogue
 * is bundled with esbuild in memory and imported from a data: URL.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Rule } from '../shared/core/rule';

interface Catalogue {
  renderRulesDoc(rules: readonly Rule[]): string;
  RULES: readonly Rule[];
}

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = await build({
  stdin: {
    contents:
      "export { renderRulesDoc } from './shared/rules/catalogue'; export { RULES } from './shared/rules';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const code = bundle.outputFiles[0]?.text ?? '';
const catalogue = (await import(
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
)) as Catalogue;
const target = new URL('../docs/rules.md', import.meta.url);
await writeFile(target, catalogue.renderRulesDoc(catalogue.RULES));
console.log(`wrote ${fileURLToPath(target)} (${catalogue.RULES.length} rules)`);
