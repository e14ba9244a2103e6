/**
 * Reads what the docker CLI printed: `docker version` and `docker info`, in
 * their JSON form (`--format '{{json .}}'`) or, for a Docker too old for
 * `--format`, their plain text form.
 */
import { z } from 'zod';
import { type Provenance, type Unknown, unknown } from '../../core/fact';
import type { CollectorOutput, RawSection } from './framing';
import { checkSection, findSection, readSection } from './sections';
import { tryParseJson } from './text';

const versionPart = z
  .object({ Version: z.string().optional(), ApiVersion: z.string().optional() })
  .loose();
const component = z.object({ Name: z.string(), Version: z.string() }).loose();
const versionJson = z
  .object({
    Client: versionPart.nullable().optional(),
    Server: versionPart
      .extend({ Components: z.array(component).nullable().optional() })
      .nullable()
      .optional(),
  })
  .loose();

const infoJson = z
  .object({
    ServerVersion: z.string().optional(),
    Runtimes: z.record(z.string(), z.unknown()).nullable().optional(),
    DefaultRuntime: z.string().optional(),
    CgroupDriver: z.string().optional(),
    CgroupVersion: z.string().optional(),
    Driver: z.string().optional(),
    LoggingDriver: z.string().optional(),
    DockerRootDir: z.string().optional(),
  })
  .loose();

export interface EngineVersion {
  readonly version?: string;
  readonly apiVersion?: string;
}

/** What `docker version` said, in whichever form it was read. */
export type DockerVersionRead =
  | { readonly state: 'no-cli'; readonly from: Provenance }
  | { readonly state: 'unreadable'; readonly unknown: Unknown }
  | { readonly state: 'timed-out'; readonly from: Provenance }
  | {
      readonly state: 'read';
      readonly client?: EngineVersion;
      /** Absent when the daemon did not answer. */
      readonly server?: EngineVersion;
      readonly components: ReadonlyMap<string, string>;
      /** The first line that is not version data (the daemon's error, usually). */
      readonly message?: string;
      readonly from: Provenance;
    };

export function readDockerVersion(out: CollectorOutput): DockerVersionRead {
  const read = readSection(out, 'docker-version');
  if (!read.ok) return { state: 'unreadable', unknown: read.unknown };
  const { section, from } = read;
  if (section.status === 127) return { state: 'no-cli', from };
  if (section.status === 124) return { state: 'timed-out', from };
  const json = jsonLine(section, versionJson);
  if (json) {
    const server = json.value.Server ?? undefined;
    return {
      state: 'read',
      client: engine(json.value.Client ?? undefined),
      server: engine(server),
      components: new Map((server?.Components ?? []).map((c) => [c.Name, c.Version])),
      message: otherLine(section, json.line),
      from,
    };
  }
  const plainSection = findSection(out, 'docker-version-plain');
  if (!plainSection)
    return { state: 'read', components: new Map(), message: otherLine(section), from };
  const plain = checkSection(plainSection);
  if (!plain.ok) return { state: 'unreadable', unknown: plain.unknown };
  if (plainSection.status === 124) return { state: 'timed-out', from: plain.from };
  const blocks = plainBlocks(plainSection.lines);
  return {
    state: 'read',
    client: blocks.get('Client'),
    server: blocks.get('Server'),
    components: new Map(),
    message: plainSection.lines.find((line) => /cannot connect|error/i.test(line)),
    from: plain.from,
  };
}

/** What `docker info` said about the daemon; undefined fields were not reported. */
export interface DaemonInfo {
  readonly runtimes?: string[];
  readonly defaultRuntime?: string;
  readonly cgroupDriver?: string;
  readonly cgroupVersion?: string;
  readonly storageDriver?: string;
  readonly loggingDriver?: string;
  readonly dataRoot?: string;
  readonly from: Provenance;
}

/** `docker info`, or an Unknown when it was not run or cannot be read; undefined when absent. */
export function readDockerInfo(out: CollectorOutput): DaemonInfo | Unknown | undefined {
  const section = findSection(out, 'docker-info');
  if (!section) return undefined;
  const read = checkSection(section);
  if (!read.ok) return read.unknown;
  const json = jsonLine(section, infoJson);
  if (json) {
    const info = json.value;
    return {
      runtimes: info.Runtimes ? Object.keys(info.Runtimes).sort() : undefined,
      defaultRuntime: nonEmpty(info.DefaultRuntime),
      cgroupDriver: nonEmpty(info.CgroupDriver),
      cgroupVersion: nonEmpty(info.CgroupVersion),
      storageDriver: nonEmpty(info.Driver),
      loggingDriver: nonEmpty(info.LoggingDriver),
      dataRoot: nonEmpty(info.DockerRootDir),
      from: read.from,
    };
  }
  const plainSection = findSection(out, 'docker-info-plain');
  if (!plainSection) {
    return { known: false, reason: 'docker info printed no daemon information', from: read.from };
  }
  const plain = checkSection(plainSection);
  if (!plain.ok) return plain.unknown;
  const field = (name: string) =>
    nonEmpty(
      plainSection.lines
        .map((line) => new RegExp(`^\\s*${name}:\\s*(.*)$`).exec(line)?.[1])
        .find((value) => value !== undefined)
        ?.trim(),
    );
  return {
    runtimes: field('Runtimes')?.split(/\s+/).sort(),
    defaultRuntime: field('Default Runtime'),
    cgroupDriver: field('Cgroup Driver'),
    cgroupVersion: field('Cgroup Version'),
    storageDriver: field('Storage Driver'),
    loggingDriver: field('Logging Driver'),
    dataRoot: field('Docker Root Dir'),
    from: plain.from,
  };
}

function jsonLine<T extends z.ZodType>(
  section: RawSection,
  schema: T,
): { value: z.infer<T>; line: string } | undefined {
  for (const line of section.lines) {
    if (!line.startsWith('{')) continue;
    const parsed = tryParseJson(line);
    if (!parsed.ok) continue;
    const checked = schema.safeParse(parsed.value);
    if (checked.success) return { value: checked.data, line };
  }
  return undefined;
}

function otherLine(section: RawSection, except?: string): string | undefined {
  return section.lines.find((line) => line.trim() !== '' && line !== except);
}

function engine(part: z.infer<typeof versionPart> | undefined): EngineVersion | undefined {
  if (!part?.Version) return undefined;
  return { version: part.Version, apiVersion: nonEmpty(part.ApiVersion) };
}

/**
 * The Client and Server blocks of plain `docker version`: the first `Version:`
 * and `API version:` under each heading (newer Dockers nest them under `Engine:`;
 * Dockers before 1.8 print flat `Server version:` lines instead).
 */
function plainBlocks(lines: readonly string[]): Map<string, EngineVersion> {
  const blocks = new Map<string, { version?: string; apiVersion?: string }>();
  let current: { version?: string; apiVersion?: string } | undefined;
  for (const line of lines) {
    // Docker before 1.8: "Server version: 1.7.1", "Server API version: 1.19"
    const flat = /^(Client|Server) (API )?version:\s+(\S+)/.exec(line);
    if (flat?.[1] && flat[3]) {
      const block = blocks.get(flat[1]) ?? {};
      if (flat[2]) block.apiVersion ??= flat[3];
      else block.version ??= flat[3];
      blocks.set(flat[1], block);
      continue;
    }
    const heading = /^(Client|Server)\b/.exec(line);
    if (heading?.[1]) {
      current = {};
      blocks.set(heading[1], current);
      continue;
    }
    if (!current) continue;
    const version = /^\s+Version:\s+(\S+)/.exec(line)?.[1];
    const api = /^\s+API version:\s+(\S+)/.exec(line)?.[1];
    if (version && !current.version) current.version = version;
    if (api && !current.apiVersion) current.apiVersion = api;
  }
  const result = new Map<string, EngineVersion>();
  for (const [name, block] of blocks) {
    if (block.version) result.set(name, block);
  }
  return result;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export type Answered = Extract<DockerVersionRead, { state: 'read' }> & {
  server: { version?: string };
};

export function answered(version: DockerVersionRead): version is Answered {
  return version.state === 'read' && version.server !== undefined;
}

export function daemonDownReason(version: DockerVersionRead): string {
  switch (version.state) {
    case 'no-cli':
      return 'the docker CLI is not installed, so the daemon could not be asked';
    case 'unreadable':
      return version.unknown.reason;
    case 'timed-out':
      return 'docker version timed out: the daemon does not answer';
    case 'read':
      return `the Docker daemon did not answer${version.message ? `: ${version.message}` : ''}`;
  }
}

/** Unknown because the daemon did not answer, citing `docker version`. */
export function daemonDown(version: DockerVersionRead, prefix = ''): Unknown {
  const reason = `${prefix}${daemonDownReason(version)}`;
  if (version.state === 'unreadable') return unknown(reason, version.unknown.from);
  return unknown(reason, version.from);
}
