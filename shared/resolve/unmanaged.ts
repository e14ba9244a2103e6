/** Unmanaged compute environments: Batch picks no AMI, so the AMIs are those of the instances. */
import type { TargetOrigin } from './types';
import { addDraft, problem, type WalkState } from './walk-state';

/**
 * One target per distinct AMI among the instances registered in the compute environment's
 * ECS cluster. Returns a not-applicable reason when no instance is registered yet.
 */
export function walkUnmanaged(state: WalkState): string | undefined {
  const cluster = state.input.computeEnvironment.ecsClusterArn;
  if (!cluster) {
    const message =
      'The unmanaged compute environment reports no ecsClusterArn, so its instances cannot be found.';
    problem(state, 'registered-instances-not-looked-up', 'INCONCLUSIVE', message);
    return undefined;
  }
  const instances = state.input.registeredInstances;
  if (!instances) {
    state.needs.registeredInstancesOf = cluster;
    const message = `The instances registered in ${cluster} were not looked up, so the AMIs of this unmanaged compute environment are unknown.`;
    problem(state, 'registered-instances-not-looked-up', 'INCONCLUSIVE', message);
    return undefined;
  }
  if (instances.length === 0) {
    return `Unmanaged compute environment with no instances registered in ${cluster}: there is no AMI to audit until instances join it.`;
  }
  for (const [amiId, group] of Map.groupBy(instances, (i) => i.imageId)) {
    const ids = group.map((i) => i.instanceId);
    if (!amiId) {
      const message = `The AMI of registered instance(s) ${ids.join(', ')} is unknown.`;
      problem(state, 'instance-image-unknown', 'INCONCLUSIVE', message);
      continue;
    }
    const types = [...new Set(group.flatMap((i) => (i.instanceType ? [i.instanceType] : [])))];
    const origin: TargetOrigin = {
      field: 'registeredInstance',
      instanceId: ids[0],
      instanceIds: ids,
    };
    addDraft(state, amiId, origin, undefined, types);
  }
  return undefined;
}
