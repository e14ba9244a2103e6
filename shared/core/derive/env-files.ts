/**
 * Environment files as the agent's launchers read them, and lookups of a key in
 * them. Only the two ECS config files are collected; any other file a unit
 * names is unknown, never empty.
 */
import type { Fact } from '../fact';
import type { EnvFile, HostFacts } from '../host-facts';
import type { Evidence } from '../rule';

/** `/etc/ecs/ecs.config`: the user config, which ecs-init reads last. */
export const ETC_ECS_CONFIG = '/etc/ecs/ecs.config';
/** `/var/lib/ecs/ecs.config`: the instance config Amazon writes (GPU, Inferentia variants). */
export const VAR_LIB_ECS_CONFIG = '/var/lib/ecs/ecs.config';
/** `/etc/ecs/ecs.config.json`: the agent's JSON config file, as ecs-init points it there. */
export const ECS_JSON_CONFIG = '/etc/ecs/ecs.config.json';

/**
 * One source of environment assignments, in precedence order among its
 * siblings: a file, a unit's `Environment=`, a `docker run -e`, a built-in default.
 */
export type EnvLayer =
  | {
      readonly known: true;
      /** Where the assignments come from, e.g. `file:/etc/ecs/ecs.config`. */
      readonly source: string;
      readonly entries: readonly { readonly key: string; readonly value: string }[];
      /** False when the layer is a file that does not exist (it then sets nothing). */
      readonly present: boolean;
    }
  | { readonly known: false; readonly source: string; readonly reason: string };

/** A value found in a layer, and which layer set it. */
export interface EnvSetting {
  readonly key: string;
  readonly value: string;
  readonly source: string;
}

/** A layer from a literal list of assignments (a unit's `Environment=`, built-in defaults). */
export function literalLayer(
  source: string,
  entries: readonly { key: string; value: string }[],
): EnvLayer {
  return { known: true, source, entries, present: true };
}

/** The layer for an environment file, by path (a systemd `-` prefix is ignored). */
export function fileLayer(host: HostFacts, rawPath: string): EnvLayer {
  const path = rawPath.replace(/^-/, '');
  const fact = collectedEnvFile(host, path);
  const source = `file:${path}`;
  if (!fact) return { known: false, source, reason: `${path} was not collected` };
  if (!fact.known) return { known: false, source, reason: fact.reason };
  return fact.value
    ? { known: true, source, entries: fact.value.entries, present: true }
    : { known: true, source, entries: [], present: false };
}

function collectedEnvFile(host: HostFacts, path: string): Fact<EnvFile | null> | undefined {
  if (path === ETC_ECS_CONFIG) return host.ecs.etcConfig;
  if (path === VAR_LIB_ECS_CONFIG) return host.ecs.varLibConfig;
  return undefined;
}

/** The value a layer assigns to `key` (its last assignment wins), or undefined. */
export function settingIn(layer: EnvLayer & { known: true }, key: string): EnvSetting | undefined {
  const entry = layer.entries.findLast((e) => e.key === key);
  return entry ? { key, value: entry.value, source: layer.source } : undefined;
}

/**
 * The effective value of `key` across `layers` (later layers win): the setting
 * of the last layer that assigns it, null when no layer does, or undefined when
 * an unknown layer could have overridden every known setting.
 */
export function effectiveSetting(
  layers: readonly EnvLayer[],
  key: string,
): { setting: EnvSetting | null } | { unknownBecause: EnvLayer & { known: false } } {
  for (let i = layers.length - 1; i >= 0; i -= 1) {
    const layer = layers[i];
    if (!layer) continue;
    if (!layer.known) return { unknownBecause: layer };
    const setting = settingIn(layer, key);
    if (setting) return { setting };
  }
  return { setting: null };
}

/** Evidence for how one layer bears on `key`. */
export function layerEvidence(layer: EnvLayer, key: string): Evidence {
  if (!layer.known) return { source: layer.source, observed: `unknown: ${layer.reason}` };
  if (!layer.present) return { source: layer.source, observed: 'file does not exist' };
  const setting = settingIn(layer, key);
  return {
    source: layer.source,
    observed: setting ? `${key}=${setting.value}` : `${key} not set`,
  };
}
