/**
 * Resolves the AMIs of many compute environments with as few AWS calls as
 * possible: the lookups every compute environment needs are merged first, so
 * one launch template, parameter or instance family is read once per run, not
 * once per compute environment.
 */
import type { InstanceTypeInfo } from '../core/subject';
import type { ComputeEnvironment } from '../resolve/compute-environment';
import { mergeLookupPlans, planLookups } from '../resolve/plan-lookups';
import { resolveTargets } from '../resolve/resolve-targets';
import type { LaunchTemplateVersionLookup, RegisteredInstance, Resolution } from '../resolve/types';
import type { AccountReader } from './ports';

export interface ResolvedComputeEnvironment {
  readonly computeEnvironment: ComputeEnvironment;
  readonly resolution: Resolution;
}

export async function resolveComputeEnvironments(
  ces: readonly ComputeEnvironment[],
  reader: AccountReader,
  extraParameters: readonly string[] = [],
): Promise<{ resolved: ResolvedComputeEnvironment[]; parameters: Map<string, unknown> }> {
  const plan = mergeLookupPlans(ces.map((ce) => planLookups(ce)));
  const [launchTemplateVersions, parameters, describedInstanceTypes, registered] =
    await Promise.all([
      plan.launchTemplateVersions.length > 0
        ? reader.launchTemplateVersions(plan.launchTemplateVersions)
        : Promise.resolve<LaunchTemplateVersionLookup[]>([]),
      reader.parameters([...plan.ssmParameters, ...extraParameters]),
      plan.instanceTypes.length > 0
        ? reader.instanceTypes(plan.instanceTypes)
        : Promise.resolve<InstanceTypeInfo[]>([]),
      registeredInstancesByCluster(reader, plan.registeredInstancesOf),
    ]);

  const batchDefaults: Record<string, string | null> = {};
  for (const name of plan.ssmParameters) {
    const value = parameters.get(name);
    batchDefaults[name] = typeof value === 'string' ? value : null;
  }

  const resolved = ces.map((computeEnvironment) => ({
    computeEnvironment,
    resolution: resolveTargets({
      computeEnvironment,
      launchTemplateVersions,
      batchDefaults,
      describedInstanceTypes,
      ...(computeEnvironment.ecsClusterArn && registered.has(computeEnvironment.ecsClusterArn)
        ? { registeredInstances: registered.get(computeEnvironment.ecsClusterArn) }
        : {}),
    }),
  }));
  return { resolved, parameters };
}

async function registeredInstancesByCluster(
  reader: AccountReader,
  clusters: readonly string[],
): Promise<Map<string, RegisteredInstance[]>> {
  const entries = await Promise.all(
    clusters.map(async (cluster) => [cluster, await reader.registeredInstances(cluster)] as const),
  );
  return new Map(entries);
}
