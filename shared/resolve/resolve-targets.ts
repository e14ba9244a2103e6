/**
 * Which AMIs a compute environment launches, from what adapters fetched. Pure: no AWS calls;
 * anything not fetched is a problem (INCONCLUSIVE), never a guess.
 */
import type { ComputeEnvironmentContext } from '../core/subject';
import type { ComputeEnvironment } from './compute-environment';
import { walk } from './precedence';
import type { Resolution, ResolvedTarget, ResolveInput } from './types';

/**
 * Resolves the AMIs of one compute environment by Batch's selection order.
 *
 * @param input - the compute environment plus the launch template versions, SSM default AMI ids,
 *   registered instances and instance-type details the adapter fetched as {@link planLookups} said.
 * @returns one target per distinct AMI with the instance types it serves; `notApplicable` for
 *   Fargate, EKS and deleted compute environments; `problems` for what could not be resolved.
 * @example
 * resolveTargets({
 *   computeEnvironment: { computeEnvironmentName: 'ce', type: 'MANAGED',
 *     computeResources: { type: 'EC2', instanceTypes: ['c7g'] } },
 *   batchDefaults: { '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id': 'ami-0abc' },
 * }).targets[0] // { amiId: 'ami-0abc', origin: { field: 'batchDefault', … }, expectedArchitecture: 'arm64', … }
 */
export function resolveTargets(input: ResolveInput): Resolution {
  return walk(input, 'resolve').resolution;
}

/** The rules' view of how `ce` uses `target`'s AMI. */
export function contextForTarget(
  ce: ComputeEnvironment,
  target: ResolvedTarget,
): ComputeEnvironmentContext {
  return {
    name: ce.computeEnvironmentName,
    ...(ce.computeEnvironmentArn ? { arn: ce.computeEnvironmentArn } : {}),
    managed: ce.type !== 'UNMANAGED',
    ...(ce.computeResources?.type ? { resourceType: ce.computeResources.type } : {}),
    orchestration: ce.containerOrchestrationType === 'EKS' ? 'EKS' : 'ECS',
    instanceTypes: target.instanceTypes,
    instanceTypeInfo: target.instanceTypeInfo,
    gpu: target.gpu,
    ...(target.expectedArchitecture ? { expectedArchitecture: target.expectedArchitecture } : {}),
  };
}
