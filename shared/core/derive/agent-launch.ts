/**
 * How the ECS agent is launched on a host: by ecs-init (the supported way on
 * Amazon Linux), by a hand-written unit that runs the agent container or binary,
 * or by a bare container with a restart policy. The launcher decides where the
 * agent's configuration comes from (see agent-environment.ts).
 */
import { evidenceOf } from '../evidence';
import type { ContainerSummary, HostFacts, ServiceDefinition } from '../host-facts';
import { basename, commandsOf, dockerRunEnvironment } from './command-line';
import { type Derived, derived, underived } from './derived';

export type AgentLaunchKind =
  /** ecs-init runs the agent container (ecs.service, upstart `ecs`, or the package alone). */
  | 'ecs-init'
  /** A unit runs `docker run … amazon/amazon-ecs-agent` itself. */
  | 'unit-container'
  /** A unit runs the agent binary directly. */
  | 'unit-binary'
  /** A unit the collector says starts the agent, by a command this module cannot read. */
  | 'unit-other'
  /** An agent container with no unit behind it (started once with `docker run`). */
  | 'container';

export interface AgentLaunch {
  readonly kind: AgentLaunchKind;
  /** The unit or job that launches the agent, for the unit kinds and ecs-init with a unit. */
  readonly service?: ServiceDefinition;
  /** For `unit-container` and `unit-binary`: the words of the command that starts the agent. */
  readonly command?: readonly string[];
  /** For `container`: the agent container. */
  readonly container?: ContainerSummary;
}

/** Which launcher a unit is, from its exec lines. */
export function classifyService(service: ServiceDefinition): {
  kind: 'ecs-init' | 'unit-container' | 'unit-binary' | 'unit-other';
  command?: readonly string[];
} {
  const commands = service.exec.flatMap(commandsOf);
  if (commands.some((words) => words.some(isEcsInit))) return { kind: 'ecs-init' };
  const run = commands.find((words) => dockerRunEnvironment(words) && words.some(isAgentImage));
  if (run) return { kind: 'unit-container', command: run };
  const binary = commands.find((words) => isAgentBinary(words[0] ?? ''));
  if (binary) return { kind: 'unit-binary', command: binary };
  return { kind: 'unit-other' };
}

function isEcsInit(word: string): boolean {
  const name = basename(word);
  return name === 'amazon-ecs-init' || name === 'ecs-init';
}

function isAgentImage(word: string): boolean {
  return word.includes('amazon-ecs-agent');
}

function isAgentBinary(word: string): boolean {
  const name = basename(word);
  return name === 'amazon-ecs-agent' || name === 'ecs-agent' || name === 'agent';
}

const KIND_ORDER: readonly AgentLaunchKind[] = [
  'ecs-init',
  'unit-container',
  'unit-binary',
  'unit-other',
];

/**
 * The launcher that starts the agent, or null when nothing does (no unit, no
 * container, no ecs-init). When several units launch it, the one enabled at
 * boot wins, then the running one, then ecs-init over hand-written units.
 */
export function agentLaunchOf(host: HostFacts): Derived<AgentLaunch | null> {
  const { services, agentContainers, ecsInitPackage, ecsInitBinary } = host.ecs;
  const evidence = evidenceOf(
    services,
    (list) => list.map(describeService).join(', ') || 'no agent units',
  );
  if (services.known && services.value.length > 0) {
    const ranked = services.value
      .map((service) => ({ service, ...classifyService(service) }))
      .sort((a, b) => rank(a) - rank(b));
    const best = ranked[0];
    if (best) {
      return derived(
        {
          kind: best.kind,
          service: best.service,
          ...(best.command ? { command: best.command } : {}),
        },
        evidence,
      );
    }
  }
  const ecsInitInstalled =
    (ecsInitPackage.known && ecsInitPackage.value !== null) ||
    (ecsInitBinary.known && ecsInitBinary.value);
  evidence.push(...evidenceOf(agentContainers, describeContainers));
  // ecs-init names its container `ecs-agent` and runs it without a restart policy;
  // with the package installed, an agent container is ecs-init's own.
  if (ecsInitInstalled) {
    evidence.push(...evidenceOf(ecsInitPackage, describePackage));
    return derived({ kind: 'ecs-init' }, evidence);
  }
  const container = agentContainers.known ? agentContainers.value[0] : undefined;
  if (container) return derived({ kind: 'container', container }, evidence);
  const unknown = [services, agentContainers, ecsInitPackage, ecsInitBinary].find((f) => !f.known);
  if (unknown && !unknown.known) {
    return underived(`how the agent is launched is unknown: ${unknown.reason}`, evidence);
  }
  return derived(null, evidence);
}

function rank(entry: { service: ServiceDefinition; kind: AgentLaunchKind }): number {
  const { enabledAtBoot, active } = entry.service;
  const boot = enabledAtBoot.known && enabledAtBoot.value ? 0 : 1;
  const running = active.known && active.value ? 0 : 1;
  return boot * 100 + running * 10 + KIND_ORDER.indexOf(entry.kind);
}

/** A unit or job in words, e.g. `systemd unit ecs.service (/usr/lib/systemd/system/ecs.service)`. */
export function describeService(service: ServiceDefinition): string {
  const kind = service.manager === 'upstart' ? 'upstart job' : 'systemd unit';
  return `${kind} ${service.name} (${service.path})`;
}

/** Describes agent containers for evidence. */
export function describeContainers(list: readonly ContainerSummary[]): string {
  if (list.length === 0) return 'no agent containers';
  return list
    .map(
      (c) =>
        `${c.name} (${c.image}, ${c.running ? 'running' : 'stopped'}, restart=${c.restartPolicy ?? 'unknown'})`,
    )
    .join(', ');
}

/** Describes the ecs-init package for evidence. */
export function describePackage(
  pkg: { name: string; version: string; manager: string } | null,
): string {
  return pkg ? `${pkg.name} ${pkg.version} (${pkg.manager})` : 'not installed';
}
