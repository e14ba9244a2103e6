/**
 * The resolver's own view of a compute environment: the fields of Batch
 * DescribeComputeEnvironments' `ComputeEnvironmentDetail` that decide which AMI it launches.
 * Adapters map SDK responses onto this shape; the CLI can read it from a JSON file
 * (`aws batch describe-compute-environments` output) through {@link parseComputeEnvironment}.
 * Unknown fields pass through; enum-like fields stay strings so a new AWS value is reported
 * rather than rejected.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors';
import { describeIssues } from '../events/zod-issues';

const launchTemplateRefShape = {
  launchTemplateId: z.string().min(1).optional(),
  launchTemplateName: z.string().min(1).optional(),
  /** A version number, `$Default` or `$Latest`; Batch's default is `$Default`. */
  version: z.string().min(1).optional(),
};

export const launchTemplateOverrideSchema = z.looseObject({
  ...launchTemplateRefShape,
  targetInstanceTypes: z.array(z.string().min(1)).optional(),
});
export type LaunchTemplateOverride = z.infer<typeof launchTemplateOverrideSchema>;

export const launchTemplateSpecificationSchema = z.looseObject({
  ...launchTemplateRefShape,
  overrides: z.array(launchTemplateOverrideSchema).optional(),
});
export type LaunchTemplateSpecification = z.infer<typeof launchTemplateSpecificationSchema>;

export const ec2ConfigurationSchema = z.looseObject({
  /** `ECS_AL2023`, `ECS_AL2023_NVIDIA`, `ECS_AL2`, `ECS_AL2_NVIDIA`, `ECS_AL1`, `EKS_…`. */
  imageType: z.string().min(1),
  imageIdOverride: z.string().min(1).optional(),
});
export type Ec2Configuration = z.infer<typeof ec2ConfigurationSchema>;

export const computeResourcesSchema = z.looseObject({
  /** `EC2`, `SPOT`, `FARGATE`, `FARGATE_SPOT`, `ECS_MANAGED_INSTANCES`. */
  type: z.string().min(1),
  instanceTypes: z.array(z.string().min(1)).optional(),
  /** Deprecated in favour of `ec2Configuration[].imageIdOverride`, but still honoured. */
  imageId: z.string().min(1).optional(),
  ec2Configuration: z.array(ec2ConfigurationSchema).optional(),
  launchTemplate: launchTemplateSpecificationSchema.optional(),
});
export type ComputeResources = z.infer<typeof computeResourcesSchema>;

export const computeEnvironmentSchema = z.looseObject({
  computeEnvironmentName: z.string().min(1),
  computeEnvironmentArn: z.string().min(1).optional(),
  /** `MANAGED` or `UNMANAGED`. */
  type: z.string().min(1),
  state: z.string().optional(),
  /** `CREATING`, `UPDATING`, `DELETING`, `DELETED`, `VALID`, `INVALID`. */
  status: z.string().optional(),
  /** `ECS` (the default when absent) or `EKS`. */
  containerOrchestrationType: z.string().optional(),
  ecsClusterArn: z.string().min(1).optional(),
  computeResources: computeResourcesSchema.optional(),
});
/** A compute environment as the resolver reads it (a subset of ComputeEnvironmentDetail). */
export type ComputeEnvironment = z.infer<typeof computeEnvironmentSchema>;

/**
 * Validates a compute environment read from outside (a file, an API response passed through).
 *
 * @throws InvalidInputError naming each field that is missing or of the wrong type.
 */
export function parseComputeEnvironment(input: unknown): ComputeEnvironment {
  const result = computeEnvironmentSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(
    `Not a compute environment description: ${describeIssues(result.error)}`,
    { cause: result.error },
  );
}

/** The ARN when known, else the name: how reports and problems name the compute environment. */
export function computeEnvironmentLabel(ce: ComputeEnvironment): string {
  return ce.computeEnvironmentArn ?? ce.computeEnvironmentName;
}
