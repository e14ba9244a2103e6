/**
 * Which AWS reads resolving a compute environment needs, so adapters make exactly those calls
 * and can batch them across compute environments.
 */
import type { ComputeEnvironment } from './compute-environment';
import { isBatchKeyword } from './instance-types';
import { launchTemplateKey } from './launch-templates';
import { walk } from './precedence';
import type { LaunchTemplateRef, LookupPlan, ResolveInput } from './types';

/**
 * The lookups `resolveTargets` will need for `ce`, less those already in `known`.
 *
 * Called with the compute environment alone, the plan covers every branch the selection order
 * might take: a default-AMI parameter is listed whenever a launch template might lack an
 * ImageId. Called again with the fetched launch template versions, it lists only what is still
 * needed (so an adapter can choose one round trip or an exact second one).
 *
 * @example
 * planLookups(ce) // { launchTemplateVersions: [{ launchTemplateName: 'base', version: '$Default' }],
 *                 //   ssmParameters: ['/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id'], … }
 */
export function planLookups(
  ce: ComputeEnvironment,
  known: Omit<ResolveInput, 'computeEnvironment'> = {},
): LookupPlan {
  const { resolution, needs } = walk({ ...known, computeEnvironment: ce }, 'plan');
  if (resolution.notApplicable)
    return { launchTemplateVersions: [], ssmParameters: [], instanceTypes: [] };
  return {
    launchTemplateVersions: [...needs.launchTemplates.values()],
    ssmParameters: [...needs.parameters],
    ...(needs.registeredInstancesOf ? { registeredInstancesOf: needs.registeredInstancesOf } : {}),
    instanceTypes: instanceTypesToDescribe(ce),
  };
}

/** Every instance type and family the compute environment names, except Batch keywords. */
function instanceTypesToDescribe(ce: ComputeEnvironment): string[] {
  const resources = ce.computeResources;
  const named = [
    ...(resources?.instanceTypes ?? []),
    ...(resources?.launchTemplate?.overrides ?? []).flatMap((o) => o.targetInstanceTypes ?? []),
  ];
  return [...new Set(named.map((t) => t.trim().toLowerCase()))].filter((t) => !isBatchKeyword(t));
}

/**
 * One plan for many compute environments, each read listed once (registered-instance lookups
 * stay per cluster, so they are returned as a list).
 */
export function mergeLookupPlans(plans: readonly LookupPlan[]): Omit<
  LookupPlan,
  'registeredInstancesOf'
> & {
  readonly registeredInstancesOf: readonly string[];
} {
  const templates = new Map<string, LaunchTemplateRef>();
  for (const ref of plans.flatMap((p) => p.launchTemplateVersions)) {
    templates.set(launchTemplateKey(ref), ref);
  }
  const unique = (values: readonly string[]) => [...new Set(values)];
  return {
    launchTemplateVersions: [...templates.values()],
    ssmParameters: unique(plans.flatMap((p) => p.ssmParameters)),
    registeredInstancesOf: unique(plans.flatMap((p) => p.registeredInstancesOf ?? [])),
    instanceTypes: unique(plans.flatMap((p) => p.instanceTypes)),
  };
}
