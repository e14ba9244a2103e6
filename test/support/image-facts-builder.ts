/**
 * Builds ImageFacts (what EC2 DescribeImages says about an AMI) and compute
 * environment contexts for image-rule tests: a current ECS-optimized AL2023
 * x86_64 AMI, with shallow overrides on top.
 *
 * @example
 *   { image: imageFacts({ enaSupport: false }), context: servingInstanceTypes(['c5.large']) }
 */
import type { ComputeEnvironmentContext, ImageFacts } from '../../shared/core/subject';
import { computeEnvironment } from './host-facts-builder';

/** A current ECS-optimized AL2023 x86_64 AMI, as DescribeImages describes it. */
export const OFFICIAL_IMAGE: ImageFacts = {
  imageId: 'ami-0good',
  found: true,
  name: 'al2023-ami-ecs-hvm-2023.0.20260817-kernel-6.1-x86_64',
  ownerId: '591542846629',
  state: 'available',
  virtualizationType: 'hvm',
  architecture: 'x86_64',
  platformDetails: 'Linux/UNIX',
  enaSupport: true,
  bootMode: 'uefi-preferred',
  rootDeviceType: 'ebs',
  rootVolumeSizeGiB: 30,
  creationDate: '2026-08-18T00:00:00.000Z',
};

/** {@link OFFICIAL_IMAGE} with `overrides` on top (an `undefined` value removes the field's value). */
export function imageFacts(overrides: Partial<ImageFacts> = {}): ImageFacts {
  return { ...OFFICIAL_IMAGE, ...overrides };
}

/** An AMI DescribeImages could not find. */
export const MISSING_IMAGE: ImageFacts = imageFacts({
  imageId: 'ami-0gone',
  found: false,
  notFoundReason: 'InvalidAMIID.NotFound',
});

/** What every image rule says when the subject has no image facts at all. */
export const NO_IMAGE_FACTS = 'No image facts: the AMI was not described (EC2 DescribeImages).';

/** A managed EC2 compute environment whose AMI serves `instanceTypes` (types, families or Batch keywords). */
export function servingInstanceTypes(
  instanceTypes: readonly string[],
  extra: Partial<ComputeEnvironmentContext> = {},
): ComputeEnvironmentContext {
  return computeEnvironment({ name: 'ce', instanceTypes, ...extra });
}
