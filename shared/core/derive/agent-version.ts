/**
 * The ECS agent version on a host and where it was read, best source first:
 * the running agent (introspection; it may have self-updated), the ecs-init
 * package (its version is the agent version it ships), the cached image tarball
 * name, then the agent container's image label. A lower source is used when a
 * better one could not be read.
 */
import semver from 'semver';
import { evidenceOf } from '../evidence';
import type { HostFacts } from '../host-facts';
import type { Evidence } from '../rule';
import { coerceVersion } from '../versions';
import { describeContainers, describePackage } from './agent-launch';
import { type Derived, derived, underived } from './derived';

export type AgentVersionSource = 'introspection' | 'package' | 'cached image' | 'container label';

export interface AgentVersion {
  readonly version: string;
  readonly source: AgentVersionSource;
}

const CACHED_IMAGE = /^ecs-agent(?:-arm64)?-v(\d+\.\d+\.\d+)\.tar$/;

/** The agent version, null when no source names one, unknown when a better source could not be read. */
export function agentVersionOf(host: HostFacts): Derived<AgentVersion | null> {
  const { introspection, ecsInitPackage, cachedAgentImages, agentContainers } = host.ecs;
  const candidates: {
    source: AgentVersionSource;
    read: () => string | null;
    evidence: Evidence[];
  }[] = [
    {
      source: 'introspection',
      read: () => (introspection.known ? coerceVersion(introspection.value?.version) : null),
      evidence: evidenceOf(introspection, (m) => (m ? `Version=${m.version}` : 'nothing answers')),
    },
    {
      source: 'package',
      read: () => (ecsInitPackage.known ? coerceVersion(ecsInitPackage.value?.version) : null),
      evidence: evidenceOf(ecsInitPackage, describePackage),
    },
    {
      source: 'cached image',
      read: () => (cachedAgentImages.known ? newestCachedImage(cachedAgentImages.value) : null),
      evidence: evidenceOf(cachedAgentImages, (list) => list.join(', ') || 'none'),
    },
    {
      source: 'container label',
      read: () =>
        agentContainers.known
          ? (agentContainers.value.map((c) => coerceVersion(c.versionLabel)).find(Boolean) ?? null)
          : null,
      evidence: evidenceOf(agentContainers, describeContainers),
    },
  ];
  // A lower source is used even when a better one could not be read: it names the
  // version the image ships, which is what the freshness rule judges.
  const seen: Evidence[] = [];
  for (const candidate of candidates) {
    seen.push(...candidate.evidence);
    const version = candidate.read();
    if (version) return derived({ version, source: candidate.source }, seen);
  }
  const unknown = [introspection, ecsInitPackage, cachedAgentImages, agentContainers].find(
    (f) => !f.known,
  );
  if (unknown && !unknown.known)
    return underived(`the agent version is unknown: ${unknown.reason}`, seen);
  return derived(null, seen);
}

function newestCachedImage(names: readonly string[]): string | null {
  const versions = names.flatMap((name) => CACHED_IMAGE.exec(name)?.[1] ?? []);
  return versions.sort(semver.rcompare)[0] ?? null;
}
