/** Docker, containerd and runc facts. */
import { type Fact, known, type Unknown, unknown } from '../../core/fact';
import type { HostFacts } from '../../core/host-facts';
import {
  cgroupDriverIn,
  configuredRuntimes,
  readDaemonJson,
  readRuntimesDir,
  stringAt,
} from './docker-config';
import {
  answered,
  type DaemonInfo,
  type DockerVersionRead,
  daemonDown,
  daemonDownReason,
  readDockerInfo,
  readDockerVersion,
} from './docker-output';
import type { CollectorOutput } from './framing';
import { commandPath, installedPackage, processRunning } from './inventory';
import { firstLine, provenanceOf, readSection } from './sections';
import { enabledUnitsPulling } from './services';
import {
  isEnabledState,
  loadedUnit,
  systemctlStates,
  sysvStartLink,
  wantedAtBoot,
} from './systemd';

type DockerFacts = HostFacts['docker'];

const DOCKER_PACKAGES = ['docker', 'docker-ce', 'docker.io', 'moby-engine'];

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

function isUnknown(value: DaemonInfo | Unknown | undefined): value is Unknown {
  return value !== undefined && 'known' in value && value.known === false;
}
