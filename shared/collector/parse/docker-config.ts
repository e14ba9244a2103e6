/** Docker's configuration on disk: `/etc/docker/daemon.json` and `/etc/docker-runtimes.d/`. */
import { type Fact, known, type Provenance, unknown } from '../../core/fact';
import type { CollectorOutput } from './framing';
import { readSection } from './sections';
import { tryParseJson } from './text';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** `/etc/docker/daemon.json` (credentials already redacted by the collector). */
export function readDaemonJson(out: CollectorOutput): Fact<JsonObject | null> {
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
export function readRuntimesDir(out: CollectorOutput): Fact<string[]> {
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
export function configuredRuntimes(
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

/** The cgroup driver daemon.json sets (`"exec-opts": ["native.cgroupdriver=systemd"]`). */
export function cgroupDriverIn(config: JsonObject | undefined): string | undefined {
  const options = config?.['exec-opts'];
  if (!Array.isArray(options)) return undefined;
  const option = options.find(
    (o): o is string => typeof o === 'string' && o.startsWith('native.cgroupdriver='),
  );
  return option?.slice('native.cgroupdriver='.length);
}

/** A string setting of daemon.json, e.g. `default-runtime`. */
export function stringAt(config: JsonObject | undefined, key: string): string | undefined {
  const value = config?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
