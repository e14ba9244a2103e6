/**
 * Bundles one Lambda function as `serverless package` does (serverless.yml `custom.esbuild`:
 * bundled, minified ESM for node24 from the packages' ES module builds, `.sh` and waivers.yml as
 * text), and reads from esbuild's
 * metafile which AWS SDK clients the bundle carries. The bundle benchmark and the test that
 * keeps bundling per-function (test/template/function-bundles.test.ts) share it.
 */
import { readdirSync } from 'node:fs';
import { build, type Metafile } from 'esbuild';

/** The packages of the AWS SDK (and Smithy, its runtime) the runtime also provides. */
export const SDK_PACKAGES = ['@aws-sdk/*', '@smithy/*'] as const;

export interface FunctionBundle {
  /** The bundle's code (what Lambda loads), minified; it names `<name>.mjs.map` as its map. */
  readonly code: Uint8Array;
  /** Its source map (serverless.yml: `sourcemap: linked`, loaded with --enable-source-maps). */
  readonly map: Uint8Array;
  /** SDK client packages in the bundle, short names (`ec2`, `lib-dynamodb`), sorted. */
  readonly clients: readonly string[];
}

/** Every function's name, from functions/*.ts (`audit-change`, `probe-launch`, …), sorted. */
export function functionNames(): string[] {
  return readdirSync('functions')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

/**
 * Bundles `functions/<name>.ts`; with `sdkExternal`, the SDK is left to the runtime instead.
 * Writes nothing: the caller decides where the code goes.
 */
export async function bundleFunction(name: string, sdkExternal = false): Promise<FunctionBundle> {
  const result = await build({
    entryPoints: [`functions/${name}.ts`],
    outfile: `${name}.mjs`,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    // serverless.yml loads waivers.yml through scripts/waivers-esbuild-plugin.mjs, which also
    // validates it; as text is the same bytes.
    loader: { '.sh': 'text', '.yml': 'text' },
    external: sdkExternal ? [...SDK_PACKAGES] : [],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const output = (suffix: string) =>
    result.outputFiles.find((file) => file.path.endsWith(suffix))?.contents;
  const code = output('.mjs');
  const map = output('.mjs.map');
  if (!code || !map) throw new Error(`esbuild wrote no bundle for ${name}`);
  return { code, map, clients: sdkClientsOf(result.metafile) };
}

/** `@aws-sdk/client-ec2` → `ec2`, `@aws-sdk/lib-dynamodb` → `lib-dynamodb`, for every input. */
export function sdkClientsOf(metafile: Metafile): string[] {
  const clients = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/@aws-sdk\/(client-([a-z0-9-]+)|lib-[a-z0-9-]+)\//.exec(input);
    if (match) clients.add(match[2] ?? match[1] ?? '');
  }
  return [...clients].sort();
}
