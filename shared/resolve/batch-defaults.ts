/**
 * Batch's own AMIs: which ECS image type it picks when the compute environment names none,
 * and which SSM public parameter holds that image type's current AMI id (reference §2.1, §4).
 */

/** ECS image types Batch knows (Ec2Configuration.imageType). */
export const ECS_IMAGE_TYPES = [
  'ECS_AL2023',
  'ECS_AL2023_NVIDIA',
  'ECS_AL2',
  'ECS_AL2_NVIDIA',
  'ECS_AL1',
] as const;

/** The current default for non-GPU instance types (since 2026-01-12 for new compute environments). */
export const DEFAULT_IMAGE_TYPE = 'ECS_AL2023';
/** The current default for GPU instance types. */
export const DEFAULT_GPU_IMAGE_TYPE = 'ECS_AL2023_NVIDIA';

const PREFIX = '/aws/service/ecs/optimized-ami';

/**
 * Image type -> architecture -> SSM parameter with the recommended AMI id. The NVIDIA image
 * types have no arm64 entry: the API reference says they are not for Graviton. The ECS_AL1
 * path is not listed on the current ECS page (reference §4: UNCONFIRMED).
 */
const PARAMETERS: Readonly<Record<string, Partial<Record<'x86_64' | 'arm64', string>>>> = {
  ECS_AL2023: {
    x86_64: `${PREFIX}/amazon-linux-2023/recommended/image_id`,
    arm64: `${PREFIX}/amazon-linux-2023/arm64/recommended/image_id`,
  },
  ECS_AL2023_NVIDIA: { x86_64: `${PREFIX}/amazon-linux-2023/gpu/recommended/image_id` },
  ECS_AL2: {
    x86_64: `${PREFIX}/amazon-linux-2/recommended/image_id`,
    arm64: `${PREFIX}/amazon-linux-2/arm64/recommended/image_id`,
  },
  ECS_AL2_NVIDIA: { x86_64: `${PREFIX}/amazon-linux-2/gpu/recommended/image_id` },
  ECS_AL1: { x86_64: `${PREFIX}/amazon-linux/recommended/image_id` },
};

/**
 * The SSM parameter holding the AMI Batch would launch today for `imageType` on `architecture`,
 * or undefined when there is none (an NVIDIA image type on arm64, an unknown or EKS image type).
 */
export function defaultImageParameter(
  imageType: string,
  architecture: 'x86_64' | 'arm64',
): string | undefined {
  return PARAMETERS[imageType]?.[architecture];
}

/** True for the GPU (`_NVIDIA`) image types. */
export function isGpuImageType(imageType: string | undefined): boolean {
  return imageType?.endsWith('_NVIDIA') ?? false;
}

/** The image type Batch picks for an instance type when ec2Configuration is omitted. */
export function impliedImageType(gpu: boolean): string {
  return gpu ? DEFAULT_GPU_IMAGE_TYPE : DEFAULT_IMAGE_TYPE;
}

/** Families an image type's documentation says it does not support, with the quote. */
const UNSUPPORTED_FAMILIES: Readonly<Record<string, { families: string[]; why: string }>> = {
  ECS_AL2023: { families: ['a1'], why: 'Amazon Linux 2023 does not support A1 instances' },
  ECS_AL2023_NVIDIA: {
    families: ['a1', 'p3', 'p3dn', 'g3', 'g3s'],
    why: "ECS_AL2023_NVIDIA doesn't support p3 and g3 instance types",
  },
};

/** The documented reason `imageType` cannot serve `family`, if there is one. */
export function unsupportedFamilyReason(imageType: string, family: string): string | undefined {
  const entry = UNSUPPORTED_FAMILIES[imageType];
  return entry?.families.includes(family) ? entry.why : undefined;
}
