/**
 * Join facts: what the ECS control plane saw of the probe in the probe
 * cluster (section 4 of the probe design). Built from DescribeContainerInstances.
 */
import { z } from 'zod';
import { factSchema, known, unknown } from '../core/fact';
import type { JoinFacts } from '../core/subject';

/** What the probe needs from one container instance description. */
export interface ContainerInstanceSummary {
  readonly containerInstanceArn: string;
  readonly ec2InstanceId: string;
  readonly attributes: readonly string[];
  readonly agentVersion?: string;
  /** As ECS reports it, e.g. `DockerVersion: 25.0.16`. */
  readonly dockerVersion?: string;
  readonly gpuIds: readonly string[];
  readonly registeredAt?: string;
  readonly agentConnected?: boolean;
}

/** Schema of JoinFacts, for validating cached records. */
export const joinFactsSchema = z.object({
  registered: factSchema(z.boolean()),
  attributes: factSchema(z.array(z.string())),
  agentVersion: factSchema(z.string().nullable()),
  dockerVersion: factSchema(z.string().nullable()),
  gpuIds: factSchema(z.array(z.string())),
});

const SOURCE = 'ecs:DescribeContainerInstances';

/** Join facts of a probe the agent registered. */
export function joinFactsOfRegistration(instance: ContainerInstanceSummary): JoinFacts {
  const from = { source: SOURCE, excerpt: instance.containerInstanceArn };
  return {
    registered: known(true, from),
    attributes: known([...instance.attributes].sort(), from),
    agentVersion: known(instance.agentVersion ?? null, from),
    dockerVersion: known(stripDockerPrefix(instance.dockerVersion), from),
    gpuIds: known([...instance.gpuIds], from),
  };
}

/**
 * Join facts of a probe the agent did not register. `confirmed` says whether
 * that is an observation about the AMI (the instance was up and could reach
 * ECS, and the deadline passed) or merely an absence with another explanation.
 */
export function joinFactsOfAbsence(reason: string, confirmed: boolean): JoinFacts {
  const from = { source: 'ecs:ListContainerInstances' };
  const never = 'the agent never registered the probe, so';
  return {
    registered: confirmed ? known(false, { ...from, excerpt: reason }) : unknown(reason, from),
    attributes: unknown(`${never} what it advertises is unknown`, from),
    agentVersion: unknown(`${never} its version is unknown`, from),
    dockerVersion: unknown(`${never} the Docker version it reports is unknown`, from),
    gpuIds: unknown(`${never} the GPUs it registers are unknown`, from),
  };
}

/** Join facts of a join test that did not run to its end (the probe failed first). */
export function joinFactsNotObserved(reason: string): JoinFacts {
  const from = { source: 'ecs:ListContainerInstances' };
  return {
    registered: unknown(reason, from),
    attributes: unknown(reason, from),
    agentVersion: unknown(reason, from),
    dockerVersion: unknown(reason, from),
    gpuIds: unknown(reason, from),
  };
}

/** ECS reports `DockerVersion: 25.0.16`; rules want `25.0.16`. */
function stripDockerPrefix(raw: string | undefined): string | null {
  if (!raw) return null;
  return raw.replace(/^DockerVersion:\s*/i, '').trim() || null;
}
