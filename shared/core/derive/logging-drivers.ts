/**
 * The logging drivers the ECS agent will advertise, computed the way the agent
 * really receives `ECS_AVAILABLE_LOGGING_DRIVERS` (reference §3.1).
 *
 * Precedence inside the agent (agent/config/config.go `NewConfig`): the
 * environment, then the JSON config file named by `ECS_AGENT_CONFIG_FILE_PATH`,
 * then the agent's own default `["json-file","none"]` (no awslogs). An empty list
 * counts as unset at every step (the merge skips zero values), and a value that
 * is not a JSON array is logged as a warning and ignored (`parseAvailableLoggingDrivers`):
 * the agent still starts, with the next source's list.
 *
 * The environment itself depends on the launcher (agent-environment.ts): under
 * ecs-init it starts from ecs-init's default, which includes awslogs, so an
 * official AMI gets awslogs without any config line.
 */
import type { HostFacts } from '../host-facts';
import type { Evidence } from '../rule';
import { agentEnvironmentLayers } from './agent-environment';
import { type AgentLaunchKind, agentLaunchOf } from './agent-launch';
import { type Derived, derived, underived } from './derived';
import { ECS_JSON_CONFIG, type EnvLayer, effectiveSetting, layerEvidence } from './env-files';

export const LOGGING_DRIVERS_KEY = 'ECS_AVAILABLE_LOGGING_DRIVERS';
/** The agent's own default on Linux (agent/config/config_unix.go). */
export const AGENT_DEFAULT_LOGGING_DRIVERS: readonly string[] = ['json-file', 'none'];
export const AGENT_DEFAULT_SOURCE = 'built-in:ecs-agent default';
/** Where the agent looks for its JSON config when `ECS_AGENT_CONFIG_FILE_PATH` is unset. */
export const AGENT_DEFAULT_JSON_CONFIG = '/etc/ecs_container_agent/config.json';
const CONFIG_PATH_KEY = 'ECS_AGENT_CONFIG_FILE_PATH';
const JSON_FIELD = 'AvailableLoggingDrivers';

/** A setting that exists but that the agent passes over, and why. */
export interface IgnoredSetting {
  readonly source: string;
  readonly raw: string;
  readonly problem: string;
}

export interface EffectiveLoggingDrivers {
  readonly drivers: readonly string[];
  /** The source the list came from: an env layer, the JSON config, or the agent default. */
  readonly origin: string;
  readonly launcher: AgentLaunchKind;
  /** Settings higher in precedence that the agent ignores (invalid or empty). */
  readonly ignored: readonly IgnoredSetting[];
}

export type ParsedDriverList =
  | { readonly kind: 'drivers'; readonly drivers: readonly string[] }
  | { readonly kind: 'unset'; readonly why: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Reads an `ECS_AVAILABLE_LOGGING_DRIVERS` value as Go's `json.Decoder` does: the
 * first JSON value must be an array of strings; anything after it is not read
 * (so `["awslogs"] # note` still works); blank, `null` and `[]` count as unset.
 */
export function parseDriverList(raw: string): ParsedDriverList {
  const text = raw.trimStart();
  if (text === '') return { kind: 'unset', why: 'it is empty' };
  if (/^null(?![\w])/.test(text)) return { kind: 'unset', why: 'it is null' };
  if (!text.startsWith('[')) {
    return {
      kind: 'invalid',
      problem: 'it is not a JSON array (it must look like ["json-file","awslogs"])',
    };
  }
  const end = endOfFirstArray(text);
  if (end < 0) return { kind: 'invalid', problem: 'its JSON array is not closed' };
  let value: unknown;
  try {
    value = JSON.parse(text.slice(0, end + 1));
  } catch {
    return { kind: 'invalid', problem: 'it is not valid JSON' };
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return { kind: 'invalid', problem: 'it is not a JSON array of strings' };
  }
  return value.length === 0
    ? { kind: 'unset', why: 'it is an empty list' }
    : { kind: 'drivers', drivers: value };
}

/** Index of the `]` that closes the array `text` starts with, or -1. */
function endOfFirstArray(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') depth += 1;
    else if (char === ']' || char === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * The logging drivers the agent will advertise, or null when no agent is
 * installed in any way that launches it.
 */
export function effectiveLoggingDrivers(host: HostFacts): Derived<EffectiveLoggingDrivers | null> {
  const launch = agentLaunchOf(host);
  if (!launch.known) return underived(launch.reason, launch.evidence);
  if (launch.value === null) return derived(null, launch.evidence);
  const launcher = launch.value.kind;
  const layers = agentEnvironmentLayers(host, launch.value);
  const evidence: Evidence[] = layers.map((layer) => layerEvidence(layer, LOGGING_DRIVERS_KEY));
  const ignored: IgnoredSetting[] = [];
  const result = (drivers: readonly string[], origin: string) =>
    derived<EffectiveLoggingDrivers>({ drivers, origin, launcher, ignored }, evidence);

  const fromEnv = effectiveSetting(layers, LOGGING_DRIVERS_KEY);
  if ('unknownBecause' in fromEnv) {
    return underived(
      `${LOGGING_DRIVERS_KEY} is unknown: ${fromEnv.unknownBecause.reason}`,
      evidence,
    );
  }
  if (fromEnv.setting) {
    const parsed = parseDriverList(fromEnv.setting.value);
    if (parsed.kind === 'drivers') return result(parsed.drivers, fromEnv.setting.source);
    ignored.push({
      source: fromEnv.setting.source,
      raw: fromEnv.setting.value,
      problem: parsed.kind === 'invalid' ? parsed.problem : parsed.why,
    });
  }

  const fromJson = jsonConfigDrivers(host, layers, evidence, ignored);
  if (!fromJson.known) return underived(fromJson.reason, evidence);
  if (fromJson.value) return result(fromJson.value, `file:${ECS_JSON_CONFIG}`);
  evidence.push({
    source: AGENT_DEFAULT_SOURCE,
    observed: `${LOGGING_DRIVERS_KEY}=${JSON.stringify(AGENT_DEFAULT_LOGGING_DRIVERS)}`,
  });
  return result(AGENT_DEFAULT_LOGGING_DRIVERS, AGENT_DEFAULT_SOURCE);
}

/**
 * `AvailableLoggingDrivers` from the JSON config file the agent reads, or null
 * when it sets none. Go matches JSON field names case-insensitively.
 */
function jsonConfigDrivers(
  host: HostFacts,
  layers: readonly EnvLayer[],
  evidence: Evidence[],
  ignored: IgnoredSetting[],
): Derived<readonly string[] | null> {
  const pathSetting = effectiveSetting(layers, CONFIG_PATH_KEY);
  if ('unknownBecause' in pathSetting) {
    return underived(
      `the agent's JSON config path is unknown: ${pathSetting.unknownBecause.reason}`,
      [],
    );
  }
  const path = pathSetting.setting?.value || AGENT_DEFAULT_JSON_CONFIG;
  // Nothing puts a file at the agent's default path unless a unit mounts one there;
  // the collector reads only /etc/ecs/ecs.config.json, where ecs-init points the agent.
  if (path === AGENT_DEFAULT_JSON_CONFIG) return derived(null, []);
  if (path !== ECS_JSON_CONFIG) {
    return underived(`the agent reads its JSON config from ${path}, which was not collected`, []);
  }
  const json = host.ecs.jsonConfig;
  const source = `file:${ECS_JSON_CONFIG}`;
  if (!json.known) {
    evidence.push({ source, observed: `unknown: ${json.reason}` });
    return underived(`${ECS_JSON_CONFIG} is unknown: ${json.reason}`, []);
  }
  const field = json.value
    ? Object.keys(json.value).find((key) => key.toLowerCase() === JSON_FIELD.toLowerCase())
    : undefined;
  if (!json.value || field === undefined) {
    evidence.push({ source, observed: json.value ? `${JSON_FIELD} not set` : 'absent or empty' });
    return derived(null, []);
  }
  const value = json.value[field];
  evidence.push({ source, observed: `${field}=${JSON.stringify(value)}` });
  const parsed = parseDriverList(JSON.stringify(value) ?? '');
  if (parsed.kind === 'drivers') return derived(parsed.drivers, []);
  ignored.push({
    source,
    raw: JSON.stringify(value) ?? '',
    problem: parsed.kind === 'invalid' ? parsed.problem : parsed.why,
  });
  return derived(null, []);
}
