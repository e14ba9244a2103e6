/** Docker answers the rules share: its version and the runtimes it has registered. */
import { evidenceOf } from '../evidence';
import type { HostFacts } from '../host-facts';
import type { Evidence } from '../rule';
import { type Derived, derived, underived } from './derived';

export interface DockerVersion {
  readonly version: string;
  /** `server` (the daemon answered) or `client` (the CLI only). */
  readonly from: 'server' | 'client';
}

/**
 * Docker's version: the daemon's when it answers, else the CLI's. Null when
 * Docker is known not to be installed (no CLI and no dockerd).
 */
export function dockerVersionOf(host: HostFacts): Derived<DockerVersion | null> {
  const { serverVersion, clientVersion, daemonInstalled } = host.docker;
  const evidence = [
    ...evidenceOf(serverVersion, (v) => v ?? 'no server'),
    ...evidenceOf(clientVersion, (v) => v ?? 'docker CLI not installed'),
  ];
  if (serverVersion.known && serverVersion.value) {
    return derived({ version: serverVersion.value, from: 'server' }, evidence);
  }
  if (clientVersion.known && clientVersion.value) {
    return derived({ version: clientVersion.value, from: 'client' }, evidence);
  }
  evidence.push(
    ...evidenceOf(daemonInstalled, (v) => (v ? 'dockerd installed' : 'dockerd not found')),
  );
  if (clientVersion.known && daemonInstalled.known && !daemonInstalled.value) {
    return derived(null, evidence);
  }
  const reason = !clientVersion.known
    ? clientVersion.reason
    : !serverVersion.known
      ? serverVersion.reason
      : 'dockerd is installed but reported no version';
  return underived(`the Docker version is unknown: ${reason}`, evidence);
}

/** Where a runtime is registered with Docker. */
export type RuntimeRegistration = 'docker info' | 'daemon.json' | 'docker-runtimes.d';

/**
 * Where Docker has `name` registered as a runtime: in `docker info`, in
 * `/etc/docker/daemon.json` `runtimes`, or (Amazon Linux only, whose docker
 * package turns each executable there into `--add-runtime`) in
 * `/etc/docker-runtimes.d/<name>`. Empty when it is registered nowhere.
 */
export function runtimeRegistrations(
  host: HostFacts,
  name: string,
): Derived<RuntimeRegistration[]> {
  const { runtimes, daemonJson, runtimesDir } = host.docker;
  const found: RuntimeRegistration[] = [];
  const unknown: string[] = [];
  const evidence: Evidence[] = [
    ...evidenceOf(runtimes, (list) => list.join(', ') || 'none'),
    ...evidenceOf(
      daemonJson,
      (json) => `runtimes: ${Object.keys(runtimesOf(json)).join(', ') || 'none'}`,
    ),
    ...evidenceOf(runtimesDir, (list) => list.join(', ') || 'empty'),
  ];
  if (runtimes.known) {
    if (runtimes.value.includes(name)) found.push('docker info');
  } else unknown.push(runtimes.reason);
  if (daemonJson.known) {
    if (Object.hasOwn(runtimesOf(daemonJson.value), name)) found.push('daemon.json');
  } else unknown.push(daemonJson.reason);
  if (runtimesDir.known && runtimesDir.value.includes(name)) {
    const { id } = host.os;
    evidence.push(...evidenceOf(id));
    if (id.known && id.value === 'amzn') found.push('docker-runtimes.d');
    else if (!id.known)
      unknown.push(`whether ${name} in /etc/docker-runtimes.d counts: ${id.reason}`);
  } else if (!runtimesDir.known) unknown.push(runtimesDir.reason);
  if (found.length > 0 || unknown.length === 0) return derived(found, evidence);
  return underived(unknown.join('; '), evidence);
}

function runtimesOf(json: Record<string, unknown> | null): Record<string, unknown> {
  const value = json?.runtimes;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
