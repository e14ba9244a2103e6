/**
 * Shapes the resolver reads (what adapters fetched) and writes (which AMIs a compute
 * environment launches, for which instance types, and why).
 */
import type { InstanceTypeInfo } from '../core/subject';
import type { ComputeEnvironment } from './compute-environment';

/** A launch template version as a compute environment asks for it. */
export interface LaunchTemplateRef {
  readonly launchTemplateId?: string;
  readonly launchTemplateName?: string;
  /** A version number, `$Default` or `$Latest` (`$Default` when the compute environment omits it). */
  readonly version: string;
}

/** Identifies which lookup a {@link LaunchTemplateVersionLookup} answers. */
interface LookupKey {
  readonly launchTemplateId?: string;
  readonly launchTemplateName?: string;
  /** The version as requested (`$Default`, `$Latest` or a number), not the resolved one. */
  readonly requestedVersion: string;
}

/**
 * What an adapter found for one launch template version (EC2 DescribeLaunchTemplateVersions,
 * called with `ResolveAlias: true` so an `resolve:ssm:` ImageId comes back as an AMI id).
 */
export type LaunchTemplateVersionLookup =
  | (LookupKey & {
      readonly found: true;
      /** The version number `$Default`/`$Latest` resolved to. */
      readonly resolvedVersion: number;
      /** `LaunchTemplateData.ImageId`, absent when the version sets no AMI. */
      readonly imageId?: string;
    })
  | (LookupKey & {
      readonly found: false;
      /** The EC2 error or reason, e.g. `InvalidLaunchTemplateName.NotFoundException`. */
      readonly reason: string;
    });

/** An instance registered in an unmanaged compute environment's ECS cluster. */
export interface RegisteredInstance {
  readonly instanceId: string;
  /** The AMI it was launched from (EC2 DescribeInstances or ECS attribute `ecs.ami-id`). */
  readonly imageId?: string;
  readonly instanceType?: string;
}

/** Everything the resolver needs, as adapters fetched it. Absent means "not looked up". */
export interface ResolveInput {
  readonly computeEnvironment: ComputeEnvironment;
  readonly launchTemplateVersions?: readonly LaunchTemplateVersionLookup[];
  /**
   * SSM public parameter name -> AMI id (e.g. `/aws/service/ecs/optimized-ami/amazon-linux-2023/
   * recommended/image_id`). `null` records a parameter SSM does not have in this region.
   */
  readonly batchDefaults?: Readonly<Record<string, string | null>>;
  /** Unmanaged compute environments: the instances registered in its ECS cluster. */
  readonly registeredInstances?: readonly RegisteredInstance[];
  /** DescribeInstanceTypes results, preferred over the built-in table. */
  readonly describedInstanceTypes?: readonly InstanceTypeInfo[];
}

/** Which compute-environment setting chose an AMI (reference §2.2, highest first). */
export type OriginField =
  | 'launchTemplateOverride'
  | 'imageId'
  | 'imageIdOverride'
  | 'launchTemplate'
  | 'batchDefault'
  | 'registeredInstance';

/** Where an AMI came from, precisely enough for a person to go and change it. */
export interface TargetOrigin {
  readonly field: OriginField;
  readonly launchTemplate?: {
    readonly id?: string;
    readonly name?: string;
    readonly requestedVersion: string;
    readonly resolvedVersion: number;
  };
  /** The ec2Configuration image type this origin belongs to, when it belongs to one. */
  readonly imageType?: string;
  /** `batchDefault`: the SSM public parameter the AMI id was read from. */
  readonly parameter?: string;
  /** `registeredInstance`: the first instance seen running the AMI. */
  readonly instanceId?: string;
  /** `registeredInstance`: every instance seen running the AMI. */
  readonly instanceIds?: readonly string[];
}

/** One AMI a compute environment launches, and the instance types it launches it on. */
export interface ResolvedTarget {
  readonly amiId: string;
  readonly origin: TargetOrigin;
  /** Further settings that chose the same AMI for other instance types (after de-duplication). */
  readonly otherOrigins?: readonly TargetOrigin[];
  /** The image type (explicit or Batch's default) whose instances use it; absent when unmanaged. */
  readonly imageType?: string;
  /** Instance types, families or Batch keywords (`optimal`) served by this AMI. */
  readonly instanceTypes: readonly string[];
  /** What each served instance type needs, in the order of `instanceTypes`. */
  readonly instanceTypeInfo: readonly InstanceTypeInfo[];
  /** The architecture every served type needs, when they agree and are known. */
  readonly expectedArchitecture?: 'x86_64' | 'arm64';
  /** A GPU image type, or GPU instance types among those served. */
  readonly gpu: boolean;
}

/** Something that keeps the resolver from naming an AMI, and the verdict it implies. */
export interface ResolutionProblem {
  readonly code:
    | 'missing-compute-resources'
    | 'invalid-launch-template'
    | 'launch-template-not-found'
    | 'launch-template-not-looked-up'
    | 'launch-template-unresolved-alias'
    | 'no-default-image'
    | 'default-image-not-found'
    | 'default-image-not-looked-up'
    | 'unknown-architecture'
    | 'registered-instances-not-looked-up'
    | 'instance-image-unknown';
  /**
   * FAIL when the compute environment itself is broken (it names a launch template version
   * that does not exist); INCONCLUSIVE when the auditor could not tell.
   */
  readonly verdict: 'FAIL' | 'INCONCLUSIVE';
  readonly message: string;
  /** The instance types left without an AMI by this problem. */
  readonly instanceTypes?: readonly string[];
}

/** The AMIs one compute environment launches. */
export interface Resolution {
  readonly computeEnvironment: string;
  readonly targets: readonly ResolvedTarget[];
  /** Set when the compute environment has no AMI to audit (Fargate, EKS, …), with why. */
  readonly notApplicable?: { readonly reason: string };
  readonly problems: readonly ResolutionProblem[];
  /** Assumptions and documented limits worth showing next to the findings. */
  readonly notes: readonly string[];
}

/** The AWS reads an adapter must make before it can call `resolveTargets` for a compute environment. */
export interface LookupPlan {
  /** EC2 DescribeLaunchTemplateVersions, one per template and requested version. */
  readonly launchTemplateVersions: readonly LaunchTemplateRef[];
  /** SSM GetParameters names (Batch default AMI ids). */
  readonly ssmParameters: readonly string[];
  /** Unmanaged: list the container instances of this ECS cluster and their AMIs. */
  readonly registeredInstancesOf?: string;
  /** Instance types and families to describe (EC2 DescribeInstanceTypes); Batch keywords excluded. */
  readonly instanceTypes: readonly string[];
}
