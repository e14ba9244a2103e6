/** Every way an ECS agent can be installed on a host, and which of them this host has. */
import { evidenceOf } from '../evidence';
import type { Fact } from '../fact';
import type { HostFacts } from '../host-facts';
import type { Evidence } from '../rule';
import { describeContainers, describePackage, describeService } from './agent-launch';

/** One way the agent is present, e.g. `package ecs-init 1.106.1-1.amzn2023 (rpm)`. */
export interface AgentPresence {
  readonly way: string;
  readonly evidence: readonly Evidence[];
}

export interface AgentInstallation {
  /** The ways the agent is present; empty when none was seen. */
  readonly found: readonly AgentPresence[];
  /** Facts that could not be observed, so an absence is not conclusive. */
  readonly unknown: readonly { readonly what: string; readonly reason: string }[];
  /** Evidence for every fact consulted, present, absent or unknown. */
  readonly evidence: readonly Evidence[];
}

/** The ways the agent is installed: ecs-init, a unit, a container, a cached image, a live agent. */
export function agentInstallation(host: HostFacts): AgentInstallation {
  const { ecs } = host;
  const found: AgentPresence[] = [];
  const unknown: { what: string; reason: string }[] = [];
  const evidence: Evidence[] = [];

  /** Looks at one fact: `presence` names the way it shows the agent, or null when it shows none. */
  function look<T>(
    what: string,
    fact: Fact<T>,
    presence: (value: T) => string | null,
    describe: (value: T) => string,
  ): void {
    const cited = evidenceOf(fact, describe);
    evidence.push(...cited);
    if (!fact.known) {
      unknown.push({ what, reason: fact.reason });
      return;
    }
    const way = presence(fact.value);
    if (way) found.push({ way, evidence: cited });
  }

  look(
    'the ecs-init package',
    ecs.ecsInitPackage,
    (pkg) => (pkg ? `package ${describePackage(pkg)}` : null),
    describePackage,
  );
  look(
    'the ecs-init binary',
    ecs.ecsInitBinary,
    (exists) => (exists ? 'ecs-init binary /usr/libexec/amazon-ecs-init' : null),
    (exists) => (exists ? 'exists' : 'absent'),
  );
  look(
    'agent units',
    ecs.services,
    (list) => (list.length > 0 ? list.map(describeService).join(', ') : null),
    (list) => list.map(describeService).join(', ') || 'none',
  );
  look(
    'agent containers',
    ecs.agentContainers,
    (list) => (list.length > 0 ? `agent container ${describeContainers(list)}` : null),
    describeContainers,
  );
  look(
    'cached agent images',
    ecs.cachedAgentImages,
    (list) => (list.length > 0 ? `cached agent image ${list.join(', ')}` : null),
    (list) => list.join(', ') || 'none',
  );
  look(
    'the introspection API',
    ecs.introspection,
    (meta) =>
      meta ? `running agent answering introspection (${meta.version ?? 'no version'})` : null,
    (meta) => (meta ? `Version=${meta.version}` : 'nothing answers on localhost:51678'),
  );
  return { found, unknown, evidence };
}
