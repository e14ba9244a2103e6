/** Every way an ECS agent can be installed on a host, and which of them this host has. */
import { evidenceOf } from '../evidence';
import type { Fact } from '../fact';
import type { HostFacts } from '../host-facts';
import type { Evidence } from '../rule';
import { describeContainers, describePackage, describeService } from './agent-launch';

/** One way the agent is present, e.g. `ecs-init package ecs-init 1.106.1-1.amzn2023`. */
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

interface Probe<T> {
  readonly what: string;
  readonly fact: Fact<T>;
  /** The presence this fact shows, or null when it shows none. */
  readonly presence: (value: T) => string | null;
  readonly describe: (value: T) => string;
}

function probe<T>(p: Probe<T>): Probe<unknown> {
  return p as Probe<unknown>;
}

/** The ways the agent is installed: ecs-init, a unit, a container, a cached image, a live agent. */
export function agentInstallation(host: HostFacts): AgentInstallation {
  const { ecs } = host;
  const probes: Probe<unknown>[] = [
    probe({
      what: 'the ecs-init package',
      fact: ecs.ecsInitPackage,
      presence: (pkg) => (pkg ? `package ${describePackage(pkg)}` : null),
      describe: describePackage,
    }),
    probe({
      what: 'the ecs-init binary',
      fact: ecs.ecsInitBinary,
      presence: (exists) => (exists ? 'ecs-init binary /usr/libexec/amazon-ecs-init' : null),
      describe: (exists) => (exists ? 'exists' : 'absent'),
    }),
    probe({
      what: 'agent units',
      fact: ecs.services,
      presence: (list) => (list.length > 0 ? list.map(describeService).join(', ') : null),
      describe: (list) => list.map((s) => `${s.name} (${s.path})`).join(', ') || 'none',
    }),
    probe({
      what: 'agent containers',
      fact: ecs.agentContainers,
      presence: (list) => (list.length > 0 ? `agent container ${describeContainers(list)}` : null),
      describe: describeContainers,
    }),
    probe({
      what: 'cached agent images',
      fact: ecs.cachedAgentImages,
      presence: (list) => (list.length > 0 ? `cached agent image ${list.join(', ')}` : null),
      describe: (list) => list.join(', ') || 'none',
    }),
    probe({
      what: 'the introspection API',
      fact: ecs.introspection,
      presence: (meta) =>
        meta ? `running agent answering introspection (${meta.version ?? 'no version'})` : null,
      describe: (meta) => (meta ? `Version=${meta.version}` : 'nothing answers on localhost:51678'),
    }),
  ];
  const found: AgentPresence[] = [];
  const unknown: { what: string; reason: string }[] = [];
  const evidence: Evidence[] = [];
  for (const { what, fact, presence, describe } of probes) {
    const cited = evidenceOf(fact, describe);
    evidence.push(...cited);
    if (!fact.known) unknown.push({ what, reason: fact.reason });
    else {
      const way = presence(fact.value);
      if (way) found.push({ way, evidence: cited });
    }
  }
  return { found, unknown, evidence };
}
