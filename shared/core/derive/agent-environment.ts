/**
 * The environment the ECS agent starts with, as layers in precedence order
 * (later wins), computed from how it is launched.
 *
 * - **ecs-init** builds the agent container's environment itself
 *   (ecs-init/docker/docker.go `getContainerConfig`, `LoadEnvVars`): its built-in
 *   defaults, then `/var/lib/ecs/ecs.config`, then `/etc/ecs/ecs.config`. It reads
 *   the files directly, so values are taken verbatim (no quote removal). The
 *   `Environment=`/`EnvironmentFile=` of ecs.service only set ecs-init's own process
 *   environment (DOCKER_HOST, ECS_LOG_DRIVER, …): ecs-init does not forward it, so
 *   a unit `Environment=` never reaches the agent.
 * - **a unit running `docker run`**: docker reads every `--env-file` first, then
 *   appends the `-e` flags, so `-e` wins over the files. `-e NAME` (no value)
 *   copies NAME from the unit's environment.
 * - **a unit running the agent binary**: the unit's environment. systemd applies
 *   `Environment=` first and `EnvironmentFile=` after it, so the files win
 *   (systemd.exec(5)); among files, later files win.
 * - **a bare container** or an unreadable unit: the environment was not collected,
 *   so every value is unknown.
 */
import type { HostFacts, ServiceDefinition } from '../host-facts';
import { type AgentLaunch, agentLaunchOf } from './agent-launch';
import { dockerRunEnvironment } from './command-line';
import { type Derived, derived, underived } from './derived';
import {
  type EnvLayer,
  type EnvSetting,
  ETC_ECS_CONFIG,
  effectiveSetting,
  fileLayer,
  layerEvidence,
  literalLayer,
  VAR_LIB_ECS_CONFIG,
} from './env-files';

/** What ecs-init passes to the agent container when no config file overrides it. */
export const ECS_INIT_DEFAULTS: readonly { key: string; value: string }[] = [
  { key: 'ECS_DATADIR', value: '/data' },
  { key: 'ECS_AGENT_CONFIG_FILE_PATH', value: '/etc/ecs/ecs.config.json' },
  { key: 'ECS_UPDATES_ENABLED', value: 'true' },
  {
    key: 'ECS_AVAILABLE_LOGGING_DRIVERS',
    value: '["json-file","syslog","awslogs","fluentd","none"]',
  },
  { key: 'ECS_ENABLE_TASK_IAM_ROLE', value: 'true' },
  { key: 'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST', value: 'true' },
];

/** Source name of ecs-init's built-in defaults, as evidence cites it. */
export const ECS_INIT_DEFAULTS_SOURCE = 'built-in:ecs-init defaults';

/** The agent's environment layers, lowest precedence first. */
export function agentEnvironmentLayers(host: HostFacts, launch: AgentLaunch): EnvLayer[] {
  switch (launch.kind) {
    case 'ecs-init':
      return [
        literalLayer(ECS_INIT_DEFAULTS_SOURCE, ECS_INIT_DEFAULTS),
        fileLayer(host, VAR_LIB_ECS_CONFIG),
        fileLayer(host, ETC_ECS_CONFIG),
      ];
    case 'unit-container':
      return dockerRunLayers(host, launch);
    case 'unit-binary':
      return launch.service ? unitLayers(host, launch.service) : [unreadable(launch)];
    case 'unit-other':
    case 'container':
      return [unreadable(launch)];
  }
}

function unreadable(launch: AgentLaunch): EnvLayer {
  const what =
    launch.kind === 'container'
      ? `container ${launch.container?.name ?? ''}`.trim()
      : `unit ${launch.service?.name ?? ''}`.trim();
  return {
    known: false,
    source: launch.service ? `file:${launch.service.path}` : `container:${launch.container?.name}`,
    reason: `the environment the ${what} gives the agent was not collected`,
  };
}

function unitLayers(host: HostFacts, service: ServiceDefinition): EnvLayer[] {
  return [
    literalLayer(`file:${service.path} Environment=`, service.environment),
    ...service.environmentFiles.map((path) => fileLayer(host, path)),
  ];
}

function dockerRunLayers(host: HostFacts, launch: AgentLaunch): EnvLayer[] {
  const run = launch.command ? dockerRunEnvironment(launch.command) : null;
  if (!run || !launch.service) return [unreadable(launch)];
  const unitEnvironment = unitLayers(host, launch.service);
  const flags: EnvLayer[] = run.flags.map(({ key, value }) => {
    if (value !== null) return literalLayer(`file:${launch.service?.path} -e`, [{ key, value }]);
    return passThrough(unitEnvironment, key, launch.service?.path ?? '');
  });
  return [...run.envFiles.map((path) => fileLayer(host, path)), ...flags];
}

/** `-e NAME`: the container gets NAME's value from the unit's environment, if it has one. */
function passThrough(
  unitEnvironment: readonly EnvLayer[],
  key: string,
  unitPath: string,
): EnvLayer {
  const source = `file:${unitPath} -e ${key}`;
  for (let i = unitEnvironment.length - 1; i >= 0; i -= 1) {
    const layer = unitEnvironment[i];
    if (!layer) continue;
    if (!layer.known) return { known: false, source, reason: layer.reason };
    const entry = layer.entries.findLast((e) => e.key === key);
    if (entry) return literalLayer(`${source} (from ${layer.source})`, [entry]);
  }
  return literalLayer(source, []);
}

/** The agent's effective value for one setting, with the launcher it was computed for. */
export interface AgentSetting {
  readonly launcher: AgentLaunch['kind'];
  /** The winning assignment, or null when nothing sets it (the agent's default applies). */
  readonly setting: EnvSetting | null;
}

/**
 * The effective value of environment variable `key` for the agent, or null when
 * no agent is launched at all. Evidence cites every layer consulted.
 */
export function agentSetting(host: HostFacts, key: string): Derived<AgentSetting | null> {
  const launch = agentLaunchOf(host);
  if (!launch.known) return underived(launch.reason, launch.evidence);
  if (launch.value === null) return derived(null, launch.evidence);
  const layers = agentEnvironmentLayers(host, launch.value);
  const evidence = layers.map((layer) => layerEvidence(layer, key));
  const effective = effectiveSetting(layers, key);
  if ('unknownBecause' in effective) {
    return underived(`${key} is unknown: ${effective.unknownBecause.reason}`, evidence);
  }
  return derived({ launcher: launch.value.kind, setting: effective.setting }, evidence);
}
