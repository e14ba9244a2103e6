/**
 * Batch's AMI selection order (reference §2.2, docs.aws.amazon.com/batch/latest/userguide/
 * ami-selection-order.html), walked once for both resolving and planning:
 *
 * 1. a launch-template override whose `targetInstanceTypes` match, if its template sets an image;
 * 2. `computeResources.imageId` (deprecated);
 * 3. `ec2Configuration[].imageIdOverride` for the instance type's image type;
 * 4. the compute environment's launch template `ImageId`;
 * 5. Batch's default AMI for the image type (GPU/non-GPU, x86_64/arm64).
 *
 * In `plan` mode a lookup that is missing is recorded as needed and the walk carries on down
 * every branch it could take, so the plan lists every read the resolution might need.
 * In `resolve` mode a missing lookup is a problem (INCONCLUSIVE), never a guess.
 */
import type { InstanceTypeInfo } from '../core/subject';
import { DEFAULT_IMAGE_TYPE, impliedImageType, isGpuImageType } from './batch-defaults';
import type {
  ComputeResources,
  Ec2Configuration,
  LaunchTemplateOverride,
} from './compute-environment';
import { resolveDefault } from './default-image';
import { covers } from './instance-types';
import {
  describeLaunchTemplate,
  findLaunchTemplateVersion,
  launchTemplateKey,
  launchTemplateRefOf,
} from './launch-templates';
import type { LaunchTemplateRef, Resolution, ResolveInput, TargetOrigin } from './types';
import { walkUnmanaged } from './unmanaged';
import {
  addDraft,
  info,
  type Needs,
  newWalkState,
  problem,
  targetsOf,
  type WalkMode,
  type WalkState,
} from './walk-state';

/** The instance types of one image type, and the override the compute environment set for it. */
interface ImageTypeGroup {
  readonly imageType: string;
  readonly imageIdOverride?: string;
  readonly instanceTypes: readonly string[];
  /** True when ec2Configuration is omitted and the image type is Batch's default. */
  readonly implied: boolean;
}

/** Walks the selection order for one compute environment. */
export function walk(
  input: ResolveInput,
  mode: WalkMode,
): { resolution: Resolution; needs: Needs } {
  const state = newWalkState(input, mode);
  const ce = input.computeEnvironment;
  const notApplicable =
    notApplicableReason(input) ??
    (ce.type === 'UNMANAGED' ? walkUnmanaged(state) : walkManaged(state));
  const resolution: Resolution = {
    computeEnvironment: ce.computeEnvironmentArn ?? ce.computeEnvironmentName,
    targets: notApplicable ? [] : targetsOf(state),
    ...(notApplicable ? { notApplicable: { reason: notApplicable } } : {}),
    problems: notApplicable ? [] : state.problems,
    notes: state.notes,
  };
  return { resolution, needs: state.needs };
}

/** Why the compute environment has no ECS AMI to audit, or undefined when it has one. */
function notApplicableReason({ computeEnvironment: ce }: ResolveInput): string | undefined {
  if (ce.status === 'DELETING' || ce.status === 'DELETED') {
    return `The compute environment is ${ce.status}; it launches no more instances.`;
  }
  if (ce.containerOrchestrationType === 'EKS') {
    return (
      'EKS compute environment: Batch launches Amazon EKS-optimized AMIs that join a Kubernetes ' +
      'cluster, not ECS, so the ECS compute-resource AMI specification does not apply.'
    );
  }
  const type = ce.computeResources?.type;
  if (type === 'FARGATE' || type === 'FARGATE_SPOT') {
    return `${type} compute resources: AWS runs the hosts, so there is no AMI to audit.`;
  }
  if (type === 'ECS_MANAGED_INSTANCES') {
    return (
      'ECS_MANAGED_INSTANCES compute resources: Amazon ECS chooses and maintains the instances’ ' +
      'AMI, so there is no compute-resource AMI to audit.'
    );
  }
  return undefined;
}

function walkManaged(state: WalkState): undefined {
  const ce = state.input.computeEnvironment;
  const resources = ce.computeResources;
  if (!resources) {
    problem(
      state,
      'missing-compute-resources',
      'INCONCLUSIVE',
      `The managed compute environment ${ce.computeEnvironmentName} describes no computeResources, so the AMI it launches cannot be told.`,
    );
    return undefined;
  }
  const listed = resources.instanceTypes ?? [];
  if (listed.length === 0) {
    state.notes.push(
      'computeResources.instanceTypes is empty: the AMIs found cannot be matched to instance types.',
    );
  }
  const remaining = applyOverrides(state, resources, listed);
  for (const group of imageTypeGroups(resources.ec2Configuration, remaining, (t) =>
    info(state, t),
  )) {
    resolveGroup(state, resources, group);
  }
  return undefined;
}

/** Step 1: launch-template overrides. Returns the instance types no override took. */
function applyOverrides(
  state: WalkState,
  resources: ComputeResources,
  listed: readonly string[],
): string[] {
  let remaining = [...listed];
  for (const [index, override] of (resources.launchTemplate?.overrides ?? []).entries()) {
    const targets = override.targetInstanceTypes ?? [];
    if (settleOverride(state, override, index, targets)) {
      remaining = remaining.filter((type) => !targets.some((target) => covers(target, type)));
    }
  }
  return remaining;
}

/**
 * True when the override settles its target types: it sets an AMI, or a problem keeps the
 * auditor from knowing (then guessing a lower-precedence AMI for them would mislead).
 */
function settleOverride(
  state: WalkState,
  override: LaunchTemplateOverride,
  index: number,
  targets: readonly string[],
): boolean {
  const ref = launchTemplateRefOf(override);
  if ('invalid' in ref) {
    const message = `computeResources.launchTemplate.overrides[${index}] is not a usable launch template reference: ${ref.invalid}.`;
    problem(state, 'invalid-launch-template', 'INCONCLUSIVE', message, targets);
    return true;
  }
  const answer = lookUpTemplate(state, ref, 'launch template override', targets);
  if (answer.kind === 'image') {
    const from = origin('launchTemplateOverride', ref, answer);
    addDraft(state, answer.amiId, from, undefined, targets);
    return true;
  }
  if (answer.kind === 'noImage') {
    state.notes.push(
      `The launch template override ${describeLaunchTemplate(ref)} (for ${targets.join(', ')}) sets no ImageId, so those instance types get the AMI the rest of the selection order picks.`,
    );
  }
  return answer.kind === 'blocked';
}

/** Splits instance types between the ec2Configuration image types (GPU types to the NVIDIA one). */
function imageTypeGroups(
  entries: readonly Ec2Configuration[] | undefined,
  types: readonly string[],
  infoOf: (type: string) => InstanceTypeInfo,
): ImageTypeGroup[] {
  const configured = entries ?? [];
  if (configured.length === 0) {
    const byImageType = Map.groupBy(types, (type) => impliedImageType(infoOf(type).gpu));
    const groups = [...byImageType].map(([imageType, instanceTypes]) => ({
      imageType,
      instanceTypes,
      implied: true,
    }));
    return groups.length > 0
      ? groups
      : [{ imageType: DEFAULT_IMAGE_TYPE, instanceTypes: [], implied: true }];
  }
  const group = (entry: Ec2Configuration, instanceTypes: readonly string[]): ImageTypeGroup => ({
    imageType: entry.imageType,
    ...(entry.imageIdOverride ? { imageIdOverride: entry.imageIdOverride } : {}),
    instanceTypes,
    implied: false,
  });
  if (types.length === 0) return configured.map((entry) => group(entry, []));
  // One entry serves every type; with two, GPU types go to the NVIDIA one and the rest to the other.
  const first = configured[0] as Ec2Configuration;
  const gpuEntry = configured.find((e) => isGpuImageType(e.imageType)) ?? first;
  const plainEntry = configured.find((e) => !isGpuImageType(e.imageType)) ?? first;
  const byEntry = Map.groupBy(types, (type) => (infoOf(type).gpu ? gpuEntry : plainEntry));
  return [...byEntry].map(([entry, instanceTypes]) => group(entry, instanceTypes));
}

/** Steps 2–5 for one image type. */
function resolveGroup(state: WalkState, resources: ComputeResources, group: ImageTypeGroup): void {
  const { imageType, instanceTypes } = group;
  const explicit = resources.imageId
    ? { amiId: resources.imageId, field: 'imageId' as const }
    : group.imageIdOverride
      ? { amiId: group.imageIdOverride, field: 'imageIdOverride' as const }
      : undefined;
  if (explicit) {
    addDraft(state, explicit.amiId, { field: explicit.field, imageType }, imageType, instanceTypes);
    return;
  }
  const spec = resources.launchTemplate;
  if (spec?.launchTemplateId || spec?.launchTemplateName) {
    const ref = launchTemplateRefOf(spec);
    if ('invalid' in ref) {
      const message = `computeResources.launchTemplate is not a usable launch template reference: ${ref.invalid}.`;
      problem(state, 'invalid-launch-template', 'INCONCLUSIVE', message, instanceTypes);
      return;
    }
    const answer = lookUpTemplate(state, ref, 'launch template', instanceTypes);
    if (answer.kind === 'image') {
      const from = { ...origin('launchTemplate', ref, answer), imageType };
      addDraft(state, answer.amiId, from, imageType, instanceTypes);
      return;
    }
    if (answer.kind === 'blocked') return;
  }
  resolveDefault(state, imageType, instanceTypes, group.implied);
}

type TemplateAnswer =
  | { kind: 'image'; amiId: string; resolvedVersion: number }
  | { kind: 'noImage' }
  /** Plan mode: not looked up yet; the walk continues as if it had no image. */
  | { kind: 'unknown' }
  /** A problem was recorded; the instance types get no AMI. */
  | { kind: 'blocked' };

function lookUpTemplate(
  state: WalkState,
  ref: LaunchTemplateRef,
  role: string,
  types: readonly string[],
): TemplateAnswer {
  const served = types.length > 0 ? types.join(', ') : 'its instance types';
  const lookup = findLaunchTemplateVersion(state.input.launchTemplateVersions, ref);
  if (!lookup) {
    state.needs.launchTemplates.set(launchTemplateKey(ref), ref);
    if (state.mode === 'plan') return { kind: 'unknown' };
    const message = `The ${role} ${describeLaunchTemplate(ref)} was not looked up, so the AMI it sets for ${served} is unknown.`;
    problem(state, 'launch-template-not-looked-up', 'INCONCLUSIVE', message, types);
    return { kind: 'blocked' };
  }
  if (!lookup.found) {
    const message = `The ${role} ${describeLaunchTemplate(ref)} does not exist (${lookup.reason}); Batch cannot launch ${served} from it.`;
    problem(state, 'launch-template-not-found', 'FAIL', message, types);
    return { kind: 'blocked' };
  }
  if (!lookup.imageId) return { kind: 'noImage' };
  if (lookup.imageId.startsWith('resolve:ssm:')) {
    const message = `The ${role} ${describeLaunchTemplate(ref)} sets ImageId to ${lookup.imageId}, which was not resolved to an AMI id (describe it with ResolveAlias).`;
    problem(state, 'launch-template-unresolved-alias', 'INCONCLUSIVE', message, types);
    return { kind: 'blocked' };
  }
  return { kind: 'image', amiId: lookup.imageId, resolvedVersion: lookup.resolvedVersion };
}

function origin(
  field: 'launchTemplate' | 'launchTemplateOverride',
  ref: LaunchTemplateRef,
  answer: { resolvedVersion: number },
): TargetOrigin {
  return {
    field,
    launchTemplate: {
      ...(ref.launchTemplateId ? { id: ref.launchTemplateId } : {}),
      ...(ref.launchTemplateName ? { name: ref.launchTemplateName } : {}),
      requestedVersion: ref.version,
      resolvedVersion: answer.resolvedVersion,
    },
  };
}
