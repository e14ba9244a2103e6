/**
 * Runs the REAL collector (shared/collector/collect.sh) against a fixture host
 * (test/fixtures/hosts/<name>/): its `root/` as BAA_ROOT, and a sandboxed PATH
 * of the fixture's `bin/` stubs plus links to only the basic utilities the
 * collector uses, so this machine's own docker, systemctl or uname never leak in.
 */
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
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { runCollector } from '../../shared/collector/run-local';

/**
 * Where the fixture hosts live, relative to the repository root: the working directory of tests
 * and of `npm run bench` (whose bundled entry has no import.meta.dirname to resolve against).
 */
export const FIXTURE_HOSTS_DIR = resolve('test/fixtures/hosts');

import { BASIC_UTILITIES } from './collector-utilities';

export { BASIC_UTILITIES };

/** The shells the collector must run under. */
export const SHELLS = ['/usr/bin/dash', '/usr/bin/bash'] as const;
export type Shell = (typeof SHELLS)[number];

const hostJsonSchema = z.object({
  description: z.string().min(1),
  expected: z.object({
    verdict: z.enum(['PASS', 'FAIL', 'INCONCLUSIVE']),
    failedRules: z.array(z.string()),
  }),
  /** Directories git cannot keep because they are empty (`var/lib/ecs/data`). */
  emptyDirs: z.array(z.string()).optional(),
  /** Modification times (epoch seconds) to give files below root/, since git keeps none. */
  mtimes: z.record(z.string(), z.number().int()).optional(),
  /** Credential values planted in the fixture that must never leave the host. */
  secrets: z.array(z.string()).optional(),
});
export type HostJson = z.infer<typeof hostJsonSchema>;

/** Names of every fixture host (directories with a host.json). */
export function fixtureHostNames(): string[] {
  return readdirSync(FIXTURE_HOSTS_DIR, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(FIXTURE_HOSTS_DIR, entry.name, 'host.json')),
    )
    .map((entry) => entry.name)
    .sort();
}

/** A fixture's host.json, validated. */
export function readHostJson(name: string): HostJson {
  const path = join(FIXTURE_HOSTS_DIR, name, 'host.json');
  const parsed = hostJsonSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid host.json: ${parsed.error.message}`);
  return parsed.data;
}

export interface FixtureOptions {
  /** Extra files to write below the fixture's root (path relative to root → content). */
  readonly files?: Readonly<Record<string, string>>;
}

/** A prepared copy of a fixture host: its root, and the sandboxed environment to run in. */
export interface PreparedHost {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Copies the fixture to a temporary directory (so mtimes and extra files can be
 * applied), hands `use` its root and sandboxed environment, then removes the copy.
 */
export async function withFixtureHost<T>(
  name: string,
  options: FixtureOptions,
  use: (host: PreparedHost) => Promise<T>,
): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), 'baa-fixture-'));
  try {
    const host = prepareFixture(name, work, options.files ?? {});
    const env = { PATH: [join(host, 'bin'), sandboxBin(work)].join(delimiter), LC_ALL: 'C' };
    return await use({ root: join(host, 'root'), env });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the collector against a fixture host with `shell` and returns its raw output. */
export function runFixtureHost(
  name: string,
  options: FixtureOptions & { readonly shell?: Shell } = {},
): Promise<string> {
  return withFixtureHost(name, options, ({ root, env }) =>
    runCollector({ root, env, shell: options.shell ?? SHELLS[0], timeoutMs: 20_000 }),
  );
}

/** Copies `<name>/` and the shared stubs next to each other, as the bin/ scripts expect. */
function prepareFixture(
  name: string,
  work: string,
  files: Readonly<Record<string, string>>,
): string {
  const hosts = join(work, 'hosts');
  const host = join(hosts, name);
  cpSync(join(FIXTURE_HOSTS_DIR, name), host, { recursive: true, verbatimSymlinks: true });
  cpSync(join(FIXTURE_HOSTS_DIR, '_stubs'), join(hosts, '_stubs'), { recursive: true });
  const root = join(host, 'root');
  const meta = readHostJson(name);
  for (const dir of meta.emptyDirs ?? []) mkdirSync(join(root, dir), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  for (const [path, seconds] of Object.entries(meta.mtimes ?? {})) {
    utimesSync(join(root, path), seconds, seconds);
  }
  return host;
}

/** A directory of links to the basic utilities, found on this machine's PATH. */
function sandboxBin(work: string): string {
  const bin = join(work, 'sandbox-bin');
  mkdirSync(bin);
  for (const utility of BASIC_UTILITIES) symlinkSync(whichOrThrow(utility), join(bin, utility));
  return bin;
}

function whichOrThrow(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  throw new Error(`the collector's tests need ${command} on PATH`);
}
