// esbuild plugins for the Lambda bundles (serverless-esbuild's `plugins` option, which takes the
// default export). `validate-waivers` loads waivers.yml as text, but first validates it with the
// same parser the functions run at cold start, so `serverless package` fails on a bad waiver file
// and names the line, instead of a deployed function failing at its first cold start.
//
// The parser is TypeScript with extensionless imports, which Node cannot load directly, so it is
// bundled in memory once and imported from a data: URL (as scripts/generate-rules-doc.ts does).
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

let parser;

async function loadParser() {
  const bundle = await build({
    stdin: {
      contents: "export { parseWaiverFile } from './shared/waivers/load';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    loader: { '.sh': 'text' },
    // Bundled CommonJS dependencies (yaml) require Node built-ins; a data: URL module has no
    // `require` of its own, so give it one rooted in the repository.
    banner: {
      js: `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(root)});`,
    },
    logLevel: 'warning',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const validateWaivers = {
  name: 'validate-waivers',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]waivers\.ya?ml$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      parser ??= await loadParser();
      try {
        parser.parseWaiverFile(text, relative(root, args.path));
      } catch (error) {
        // serverless-esbuild (1.57 under osls 4.3) prints a failed build and then never exits,
        // whatever the error; a bad waiver file must fail the package, so end it here.
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      }
      return { contents: text, loader: 'text' };
    });
  },
};

export default [validateWaivers];
