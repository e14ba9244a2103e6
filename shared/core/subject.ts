/**
 * The audit subject: everything a rule may read about one AMI as one compute
 * environment would launch it. Every part is optional; a rule that needs a part
 * that is missing returns INCONCLUSIVE (or NOT_APPLICABLE when the part cannot
 * exist for this subject).
 */
import type { Fact } from './fact';
import type { HostFacts } from './host-facts';

/** What EC2 DescribeImages says about the AMI (no instance needed). */
export interface ImageFacts {
  readonly imageId: string;
  /** False when DescribeImages returned nothing (deregistered, not shared, wrong region). */
  readonly found: boolean;
  /** Why the image could not be described, when `found` is false (e.g. `InvalidAMIID.NotFound`). */
  readonly notFoundReason?: string;
  readonly name?: string;
  readonly ownerId?: string;
  /** `available`, `pending`, `failed`, `deregistered`, `disabled`, … */
  readonly state?: string;
  /** `hvm` or `paravirtual`. */
  readonly virtualizationType?: string;
  /** `x86_64`, `arm64`, `i386`, `x86_64_mac`, `arm64_mac`. */
  readonly architecture?: string;
  /** `Linux/UNIX`, `Windows`, … (PlatformDetails) */
  readonly platformDetails?: string;
  /** `windows` when Windows, otherwise absent (Platform). */
  readonly platform?: string;
  readonly enaSupport?: boolean;
  /** `legacy-bios`, `uefi`, `uefi-preferred`, or absent (instance type default). */
  readonly bootMode?: string;
  /** ISO-8601 deprecation time, when set. */
  readonly deprecationTime?: string;
  readonly rootDeviceType?: string;
  /** Size of the root device's snapshot in GiB. */
  readonly rootVolumeSizeGiB?: number;
  readonly creationDate?: string;
}

/** What an instance type needs from an AMI. */
export interface InstanceTypeInfo {
  readonly instanceType: string;
  /** Supported architectures, e.g. `['x86_64', 'i386']` or `['arm64']`. */
  readonly architectures: readonly string[];
  /** `required`, `supported` or `unsupported` (EC2 NetworkInfo.EnaSupport). */
  readonly enaSupport?: 'required' | 'supported' | 'unsupported';
  /** Supported boot modes, e.g. `['legacy-bios', 'uefi']`. */
  readonly bootModes?: readonly string[];
  readonly gpu: boolean;
  /**
   * Where these details came from: EC2 DescribeInstanceTypes, the auditor's built-in
   * table, or nowhere (`unknown`: `architectures` is empty and rules needing it are INCONCLUSIVE).
   */
  readonly source?: 'ec2:DescribeInstanceTypes' | 'table' | 'unknown';
}

/** How the compute environment uses the AMI. */
export interface ComputeEnvironmentContext {
  readonly name: string;
  readonly arn?: string;
  readonly managed: boolean;
  /** `EC2`, `SPOT`, `FARGATE`, `FARGATE_SPOT`, or undefined for unmanaged. */
  readonly resourceType?: string;
  /** `ECS` or `EKS`. */
  readonly orchestration: 'ECS' | 'EKS';
  /** Instance types (or families, `optimal`, `default_x86_64`, …) this AMI serves. */
  readonly instanceTypes: readonly string[];
  /** Resolved details for the concrete instance types, when known. */
  readonly instanceTypeInfo?: readonly InstanceTypeInfo[];
  /** The AMI will run GPU workloads (GPU instance types or an `_NVIDIA` image type). */
  readonly gpu: boolean;
  /** Multi-node parallel jobs are known to run on this compute environment. */
  readonly multiNode?: boolean;
  /** Architecture the instance types need (`x86_64` or `arm64`), when it can be told. */
  readonly expectedArchitecture?: string;
}

/** Latest ECS-optimized AMI versions, for the freshness (recommended) rules. */
export interface Baseline {
  /** Where the baseline came from, e.g. `ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended`. */
  readonly source: string;
  /** The AMI the parameter recommends, when the parameter carries one. */
  readonly imageId?: string;
  readonly ecsAgentVersion?: string;
  readonly dockerVersion?: string;
  readonly imageName?: string;
}

/** What the ECS control plane saw when a probe instance tried to join a cluster (the join test). */
export interface JoinFacts {
  /** The agent registered the probe as a container instance within the deadline. */
  readonly registered: Fact<boolean>;
  /** Attribute names the container instance advertises. */
  readonly attributes: Fact<readonly string[]>;
  readonly agentVersion: Fact<string | null>;
  readonly dockerVersion: Fact<string | null>;
  /** GPU ids registered as the `GPU` resource. */
  readonly gpuIds: Fact<readonly string[]>;
}

/** Something that kept the auditor from naming a compute environment's AMI. */
export interface ResolutionProblem {
  readonly code: string;
  /** FAIL when the compute environment is broken (names a missing launch template); else INCONCLUSIVE. */
  readonly verdict: 'FAIL' | 'INCONCLUSIVE';
  readonly message: string;
}

export interface AuditSubject {
  /** Why the compute environment's AMI could not be resolved, when it could not. */
  readonly resolutionProblems?: readonly ResolutionProblem[];
  readonly image?: ImageFacts;
  readonly host?: HostFacts;
  readonly context?: ComputeEnvironmentContext;
  readonly baseline?: Baseline;
  readonly join?: JoinFacts;
  /** Why host facts are absent, when a probe was attempted and failed (e.g. `ssm_never_online`). */
  readonly hostUnavailableReason?: string;
  /**
   * When the audit was evaluated (ISO-8601). Rules are pure, so time-dependent rules
   * (deprecation) read "now" from here; without it they are INCONCLUSIVE.
   */
  readonly evaluatedAt?: string;
}
