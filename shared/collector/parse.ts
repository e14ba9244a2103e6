/**
 * Turns raw collector output (`collect.sh`) into {@link HostFacts}. The parts
 * live in `parse/`, one module per fact group; this module only assembles them.
 */
import { HOST_FACTS_SCHEMA_VERSION, type HostFacts } from '../core/host-facts';
import { dockerFacts } from './parse/docker';
import { ecsFacts } from './parse/ecs';
import { readFraming } from './parse/framing';
import { gpuFacts } from './parse/gpu';
import { truncatedSectionLabels } from './parse/sections';
import { ssmAgentFacts, storageFacts } from './parse/storage';
import { bootTime, initFacts, kernelFacts, osFacts, virtualizationFacts } from './parse/system';

/**
 * Parses raw collector output into host facts.
 *
 * Never throws for output that is partial, cut off or truncated: the facts
 * that depend on a missing or truncated section are Unknown, with a reason
 * naming the section. Throws {@link CollectorOutputError} only when the text
 * is not collector output at all, or comes from an unsupported collector version.
 *
 * @example
 * const facts = parseCollectorOutput(await runCollector());
 * if (facts.kernel.release.known) console.log(facts.kernel.release.value);
 */
export function parseCollectorOutput(raw: string): HostFacts {
  const out = readFraming(raw);
  const { docker, containerd, runc } = dockerFacts(out);
  return {
    schemaVersion: HOST_FACTS_SCHEMA_VERSION,
    collector: {
      version: out.version,
      root: out.root,
      ...(out.startedAt ? { collectedAt: out.startedAt } : {}),
      truncatedSections: truncatedSectionLabels(out),
      incomplete: !out.complete,
    },
    kernel: kernelFacts(out),
    os: osFacts(out),
    bootTime: bootTime(out),
    init: initFacts(out),
    virtualization: virtualizationFacts(out),
    ecs: ecsFacts(out),
    docker,
    containerd,
    runc,
    gpu: gpuFacts(out),
    storage: storageFacts(out),
    ssmAgent: ssmAgentFacts(out),
  };
}
