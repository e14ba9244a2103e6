/** Step 5 of the selection order: the AMI Batch picks itself for an image type. */
import { defaultImageParameter, isGpuImageType, unsupportedFamilyReason } from './batch-defaults';
import { instanceFamilyOf, primaryArchitecture } from './instance-types';
import { addDraft, info, noteOnce, problem, type WalkState } from './walk-state';

const IMPLIED_DEFAULT_NOTE =
  'ec2Configuration is not set: assuming Batch’s current defaults, ECS_AL2023 and ECS_AL2023_NVIDIA ' +
  'for GPU instance types. Compute environments created before 2026-01-12 may still launch ECS_AL2 ' +
  'AMIs; compare with the AMIs of running instances.';

/**
 * Batch's default AMI for `imageType`, one per architecture among `instanceTypes`.
 *
 * @param implied - true when ec2Configuration is omitted and the image type is assumed.
 */
export function resolveDefault(
  state: WalkState,
  imageType: string,
  instanceTypes: readonly string[],
  implied: boolean,
): void {
  if (implied) noteOnce(state, IMPLIED_DEFAULT_NOTE);
  for (const type of instanceTypes) {
    const why = unsupportedFamilyReason(imageType, instanceFamilyOf(type));
    if (why) noteOnce(state, `${type}: "${why}" (Ec2Configuration API reference).`);
  }
  if (instanceTypes.length === 0) {
    const message = `No instance types are listed, so the architecture of Batch's default ${imageType} AMI cannot be told.`;
    problem(state, 'unknown-architecture', 'INCONCLUSIVE', message);
    return;
  }
  const byArchitecture = Map.groupBy(instanceTypes, (type) =>
    primaryArchitecture(info(state, type)),
  );
  for (const [architecture, types] of byArchitecture) {
    if (!architecture) {
      const message = `The architecture of ${types.join(', ')} is unknown (not in the instance-type table and not described by EC2), so Batch's default ${imageType} AMI for them cannot be chosen.`;
      problem(state, 'unknown-architecture', 'INCONCLUSIVE', message, types);
      continue;
    }
    const parameter = defaultImageParameter(imageType, architecture);
    if (!parameter) {
      const why = isGpuImageType(imageType)
        ? 'the NVIDIA image types are not for Graviton instance types'
        : `the auditor does not know image type ${imageType}`;
      const message = `Batch has no default ${imageType} AMI for ${architecture} instance types (${types.join(', ')}): ${why}.`;
      problem(state, 'no-default-image', 'INCONCLUSIVE', message, types);
      continue;
    }
    resolveParameter(state, parameter, imageType, types);
  }
}

function resolveParameter(
  state: WalkState,
  parameter: string,
  imageType: string,
  types: readonly string[],
): void {
  const amiId = state.input.batchDefaults?.[parameter];
  const served = types.join(', ');
  if (amiId === undefined) {
    state.needs.parameters.add(parameter);
    const message = `SSM parameter ${parameter} was not looked up, so Batch's default ${imageType} AMI for ${served} is unknown.`;
    problem(state, 'default-image-not-looked-up', 'INCONCLUSIVE', message, types);
    return;
  }
  if (amiId === null) {
    const message = `SSM parameter ${parameter} does not exist in this region, so Batch's default ${imageType} AMI for ${served} is unknown.`;
    problem(state, 'default-image-not-found', 'INCONCLUSIVE', message, types);
    return;
  }
  addDraft(state, amiId, { field: 'batchDefault', imageType, parameter }, imageType, types);
}
