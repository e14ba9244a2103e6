/** Docker, containerd and runc facts, and the ECS agent's containers. */
import { type Fact, known, type Provenance, type Unknown, unknown } from '../../core/fact';
import type { ContainerSummary, HostFacts } from '../../core/host-facts';
import {
  type DaemonInfo,
  type DockerVersionRead,
  readDockerInfo,
  readDockerVersion,
} from './docker-output';
import type { CollectorOutput } from './framing';
import { commandPath, installedPackage, processRunning } from './inventory';
import { checkSection, findSection, firstLine, provenanceOf, readSection } from './sections';
import { enabledUnitsPulling } from './services';
import {
  isEnabledState,
  loadedUnit,
  systemctlStates,
  sysvStartLink,
  wantedAtBoot,
} from './systemd';
import { tryParseJson } from './text';

type DockerFacts = HostFacts['docker'];
type JsonObject = Record<string, unknown>;

const DOCKER_PACKAGES = ['docker', 'docker-ce', 'docker.io', 'moby-engine'];

/** The ECS agent's containers (`docker ps -a`, then `docker inspect`). */
export function agentContainers(out: CollectorOutput): Fact<ContainerSummary[]> {
  const cli = commandPath(out, 'docker');
  if (!cli.known) return cli;
  if (cli.value === null) return known([], cli.from);
  const version = readDockerVersion(out);
  if (!answered(version))
    return unknown(`containers could not be listed: ${daemonDownReason(version)}`);
  const read = readSection(out, 'docker-ps');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    return unknown(
      `docker ps failed: ${firstLine(read.section) || `exit ${read.section.status}`}`,
      read.from,
    );
  }
  const inspected = inspectDetails(out);
  const containers = read.section.lines.flatMap((line): ContainerSummary[] => {
    const [name, image, ...status] = line.trim().split(/\s+/);
    if (!name || !image) return [];
    const details = inspected.get(name);
    return [
      {
        name,
        image,
        running: status[0] === 'Up',
        ...(details?.restartPolicy ? { restartPolicy: details.restartPolicy } : {}),
        ...(details?.versionLabel ? { versionLabel: details.versionLabel } : {}),
      },
    ];
  });
  return known(containers, read.from);
}

/** `/<name> <restart policy> <labels JSON>` lines of `docker inspect`, by container name. */
function inspectDetails(
  out: CollectorOutput,
): Map<string, { restartPolicy?: string; versionLabel?: string }> {
  const details = new Map<string, { restartPolicy?: string; versionLabel?: string }>();
  const section = findSection(out, 'docker-inspect');
  if (!section || !checkSection(section).ok) return details;
  for (const line of section.lines) {
    const match = /^\/?(\S+)\s+(\S*)\s*(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    const labels = tryParseJson(match[3] ?? '');
    const labelMap = labels.ok && isObject(labels.value) ? labels.value : {};
    const versionKey = Object.keys(labelMap).find((key) => /version/i.test(key));
    const versionLabel = versionKey ? String(labelMap[versionKey]) : undefined;
    details.set(match[1], {
      ...(match[2] ? { restartPolicy: match[2] } : {}),
      ...(versionLabel ? { versionLabel } : {}),
    });
  }
  return details;
}

export function dockerFacts(out: CollectorOutput): {
  docker: DockerFacts;
  containerd: HostFacts['containerd'];
  runc: HostFacts['runc'];
} {
  const version = readDockerVersion(out);
  const components = version.state === 'read' ? version.components : new Map<string, string>();
  return {
    docker: engineFacts(out, version),
    containerd: { version: toolVersion(out, 'containerd', components.get('containerd')) },
    runc: { version: toolVersion(out, 'runc', components.get('runc')) },
  };
}

function engineFacts(out: CollectorOutput, version: DockerVersionRead): DockerFacts {
  const cli = commandPath(out, 'docker');
  const daemon = commandPath(out, 'dockerd');
  const daemonJson = readDaemonJson(out);
  const runtimesDir = readRuntimesDir(out);
  const notInstalled =
    cli.known && cli.value === null && daemon.known && daemon.value === null && !answered(version);
  if (notInstalled) {
    return {
      clientVersion: known(null, cli.from),
      serverVersion: known(null, daemon.from),
      apiVersion: known(null, daemon.from),
      daemonInstalled: known(false, daemon.from),
      daemonRunning: known(false, daemon.from),
      enabledAtBoot: known(false, daemon.from),
      runtimes: known([], daemon.from),
      defaultRuntime: known(null, daemon.from),
      cgroupDriver: known(null, daemon.from),
      cgroupVersion: known(null, daemon.from),
      storageDriver: known(null, daemon.from),
      loggingDriver: known(null, daemon.from),
      dataRoot: known(null, daemon.from),
      daemonJson,
      runtimesDir,
    };
  }
  const info = readDockerInfo(out);
  const daemonInfo = info && !isUnknown(info) ? info : undefined;
  const downReason = isUnknown(info) ? info.reason : daemonDownReason(version);
  const config = daemonJson.known ? (daemonJson.value ?? {}) : undefined;
  const setting = (
    pick: (i: DaemonInfo) => string | undefined,
    configured: string | undefined,
  ): Fact<string | null> => {
    if (daemonInfo) return known(pick(daemonInfo) ?? null, daemonInfo.from);
    if (configured !== undefined && daemonJson.known) return known(configured, daemonJson.from);
    return unknown(`the daemon did not report it and daemon.json does not set it: ${downReason}`);
  };
  return {
    clientVersion: clientVersion(version),
    serverVersion: serverVersion(out, version),
    apiVersion: answered(version)
      ? known(version.server.apiVersion ?? null, version.from)
      : daemonDown(version),
    daemonInstalled: daemonInstalled(out, version, daemon),
    daemonRunning: daemonRunning(out, version),
    enabledAtBoot: dockerEnabledAtBoot(out),
    runtimes: daemonInfo?.runtimes
      ? known(daemonInfo.runtimes, daemonInfo.from)
      : configuredRuntimes(daemonJson, runtimesDir),
    defaultRuntime: setting((i) => i.defaultRuntime, stringAt(config, 'default-runtime')),
    cgroupDriver: setting((i) => i.cgroupDriver, cgroupDriverIn(config)),
    cgroupVersion: setting((i) => i.cgroupVersion, undefined),
    storageDriver: setting((i) => i.storageDriver, stringAt(config, 'storage-driver')),
    loggingDriver: setting((i) => i.loggingDriver, stringAt(config, 'log-driver')),
    dataRoot: setting(
      (i) => i.dataRoot,
      stringAt(config, 'data-root') ?? stringAt(config, 'graph'),
    ),
    daemonJson,
    runtimesDir,
  };
}

type Answered = Extract<DockerVersionRead, { state: 'read' }> & { server: { version?: string } };

function answered(version: DockerVersionRead): version is Answered {
  return version.state === 'read' && version.server !== undefined;
}

function daemonDownReason(version: DockerVersionRead): string {
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
function daemonDown(version: DockerVersionRead, prefix = ''): Unknown {
  const reason = `${prefix}${daemonDownReason(version)}`;
  if (version.state === 'unreadable') return unknown(reason, version.unknown.from);
  return unknown(reason, version.from);
}

function clientVersion(version: DockerVersionRead): Fact<string | null> {
  switch (version.state) {
    case 'no-cli':
      return known(null, version.from);
    case 'unreadable':
      return version.unknown;
    case 'timed-out':
      return unknown('docker version timed out', version.from);
    case 'read':
      return version.client?.version
        ? known(version.client.version, version.from)
        : unknown('docker version printed no client version', version.from);
  }
}

/** The daemon's version; from `dockerd --version` (the installed daemon) when it does not answer. */
function serverVersion(out: CollectorOutput, version: DockerVersionRead): Fact<string | null> {
  if (answered(version)) return known(version.server.version ?? null, version.from);
  const dockerd = readSection(out, 'dockerd-version');
  if (dockerd.ok && dockerd.section.status === 0) {
    const installed = /version\s+([^,\s]+)/i.exec(firstLine(dockerd.section))?.[1];
    if (installed) return known(installed, dockerd.from);
  }
  return daemonDown(version);
}

function daemonInstalled(
  out: CollectorOutput,
  version: DockerVersionRead,
  daemon: Fact<string | null>,
): Fact<boolean> {
  if (daemon.known && daemon.value !== null) return known(true, daemon.from);
  if (answered(version)) return known(true, version.from);
  const pkg = installedPackage(out, DOCKER_PACKAGES);
  if (pkg.known && pkg.value) return known(true, pkg.from);
  return daemon.known ? known(false, daemon.from) : daemon;
}

function daemonRunning(out: CollectorOutput, version: DockerVersionRead): Fact<boolean> {
  switch (version.state) {
    case 'read':
      return known(
        version.server !== undefined,
        version.message ? { ...version.from, excerpt: version.message } : version.from,
      );
    case 'timed-out':
      return unknown('docker version timed out: the daemon may be hung', version.from);
    case 'no-cli':
      return processRunning(out, 'dockerd');
    case 'unreadable':
      return version.unknown;
  }
}

/**
 * docker.service or docker.socket enabled (systemd), an rc3.d start link (SysV),
 * or an enabled agent unit that pulls docker.service in (Wants=, Requires=).
 */
function dockerEnabledAtBoot(out: CollectorOutput): Fact<boolean> {
  const states = systemctlStates(out);
  const service = loadedUnit(states, 'docker.service');
  const socket = loadedUnit(states, 'docker.socket');
  // ecs.service has Wants=docker.service: enabling it starts docker at boot too
  const pulledIn = enabledUnitsPulling(out, 'docker.service')[0];
  if ((service || socket) && states.known) {
    const enabled = [service, socket].some((state) => state && isEnabledState(state));
    if (!enabled && pulledIn) return pulledIn;
    const excerpt = `docker.service: ${service?.get('UnitFileState') ?? 'not loaded'}, docker.socket: ${socket?.get('UnitFileState') ?? 'not loaded'}`;
    return known(enabled, { ...states.from, excerpt });
  }
  const candidates = [
    wantedAtBoot(out, 'docker.service'),
    wantedAtBoot(out, 'docker.socket'),
    sysvStartLink(out, 'docker'),
  ];
  const yes = candidates.find((fact) => fact.known && fact.value);
  if (yes) return yes;
  return (
    pulledIn ??
    candidates.find((fact) => fact.known) ??
    unknown(`no init system configuration could be read: ${reasonOf(candidates[0])}`)
  );
}

function reasonOf(fact: Fact<unknown> | undefined): string {
  return fact && !fact.known ? fact.reason : 'unknown';
}

/** `/etc/docker/daemon.json` (credentials already redacted by the collector). */
function readDaemonJson(out: CollectorOutput): Fact<JsonObject | null> {
  const read = readSection(out, 'daemon-json');
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known(null, read.from);
  if (read.section.status !== 0)
    return unknown('/etc/docker/daemon.json could not be read', read.from);
  const parsed = tryParseJson(read.section.lines.join('\n'));
  if (!parsed.ok)
    return unknown(`/etc/docker/daemon.json is not valid JSON: ${parsed.error}`, read.from);
  if (!isObject(parsed.value))
    return unknown('/etc/docker/daemon.json is not a JSON object', read.from);
  return known(parsed.value, read.from);
}

/** Executables in `/etc/docker-runtimes.d/` (Amazon Linux's docker registers each as a runtime). */
function readRuntimesDir(out: CollectorOutput): Fact<string[]> {
  const read = readSection(out, 'runtimes-dir');
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known([], read.from);
  if (read.section.status !== 0)
    return unknown('/etc/docker-runtimes.d could not be listed', read.from);
  const names = read.section.lines
    .filter((line) => line.startsWith('x '))
    .map((line) => line.slice(2));
  return known(names, read.from);
}

/** Runtimes the daemon would have, read from its configuration when it is not running. */
function configuredRuntimes(
  daemonJson: Fact<JsonObject | null>,
  runtimesDir: Fact<string[]>,
): Fact<string[]> {
  if (!daemonJson.known) return daemonJson;
  if (!runtimesDir.known) return runtimesDir;
  const configured = daemonJson.value?.runtimes;
  const names = new Set([
    'runc',
    ...(isObject(configured) ? Object.keys(configured) : []),
    ...runtimesDir.value,
  ]);
  const from: Provenance = {
    source: `${daemonJson.from.source} ${runtimesDir.from.source}`,
    excerpt: 'the daemon is not running: runtimes as configured',
  };
  return known([...names].sort(), from);
}

function cgroupDriverIn(config: JsonObject | undefined): string | undefined {
  const options = config?.['exec-opts'];
  if (!Array.isArray(options)) return undefined;
  const option = options.find(
    (o): o is string => typeof o === 'string' && o.startsWith('native.cgroupdriver='),
  );
  return option?.slice('native.cgroupdriver='.length);
}

function stringAt(config: JsonObject | undefined, key: string): string | undefined {
  const value = config?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** containerd/runc version from its own `--version`, else from docker's components. */
function toolVersion(
  out: CollectorOutput,
  tool: 'containerd' | 'runc',
  component: string | undefined,
): Fact<string | null> {
  const read = readSection(out, `${tool}-version`);
  if (read.ok && read.section.status === 0) {
    const version = read.section.lines
      .flatMap((line) => line.trim().split(/\s+/))
      .find((word) => /^v?\d+\.\d+(\.\d+)?/.test(word));
    if (version) return known(version.replace(/^v/, ''), provenanceOf(read.section));
  }
  const version = readDockerVersion(out);
  if (component && version.state === 'read')
    return known(component.replace(/^v/, ''), version.from);
  if (!read.ok) return read.unknown;
  if (read.section.status === 127) return known(null, read.from);
  return unknown(
    `${tool} --version failed: ${firstLine(read.section) || `exit ${read.section.status}`}`,
    read.from,
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUnknown(value: DaemonInfo | Unknown | undefined): value is Unknown {
  return value !== undefined && 'known' in value && value.known === false;
}
