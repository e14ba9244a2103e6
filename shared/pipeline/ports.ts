/**
 * The ports between the audit pipeline and the outside world. The pipeline
 * (shared/pipeline) only talks to these interfaces; shared/aws implements them
 * with the AWS SDK, tests hand in fakes or point the adapters at moto_server.
 */
import type { HostFacts } from '../core/host-facts';
import type { AuditReport } from '../core/report';
import type {
  ComputeEnvironmentContext,
  ImageFacts,
  InstanceTypeInfo,
  JoinFacts,
} from '../core/subject';
import type { ComputeEnvironment } from '../resolve/compute-environment';
import type {
  LaunchTemplateRef,
  LaunchTemplateVersionLookup,
  RegisteredInstance,
} from '../resolve/types';

/** Read-only views of the account the pipeline needs (Batch, EC2, SSM, ECS). */
export interface AccountReader {
  /** The compute environment, or null when it does not exist. */
  describeComputeEnvironment(nameOrArn: string): Promise<ComputeEnvironment | null>;
  listComputeEnvironments(): Promise<ComputeEnvironment[]>;
  launchTemplateVersions(
    refs: readonly LaunchTemplateRef[],
  ): Promise<LaunchTemplateVersionLookup[]>;
  /** SSM parameter values by name; absent names are missing from the map. */
  parameters(names: readonly string[]): Promise<Map<string, unknown>>;
  registeredInstances(clusterArn: string): Promise<RegisteredInstance[]>;
  instanceTypes(typesOrFamilies: readonly string[]): Promise<InstanceTypeInfo[]>;
  /** Every requested AMI, `found: false` for those EC2 cannot describe. */
  images(imageIds: readonly string[]): Promise<Map<string, ImageFacts>>;
}

/** One compute environment that launches the AMI being probed, and how it uses it. */
export interface ProbeTarget {
  readonly computeEnvironment: { readonly name: string; readonly arn?: string };
  readonly context: ComputeEnvironmentContext;
  /** Where the AMI came from in this compute environment, for the report. */
  readonly origin: string;
  /** The compute environment's subnets: the probe uses one, to see the network Batch instances see. */
  readonly subnets: readonly string[];
  /** The image type whose instances use the AMI (`ECS_AL2023`, …): it picks the freshness baseline. */
  readonly imageType?: string;
  /** The compute environment's tags, so the probe's alerts are routed like the others. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What a probe execution needs: one AMI, every compute environment that uses it. */
export interface ProbeRequest {
  readonly auditId: string;
  readonly amiId: string;
  readonly image: ImageFacts;
  readonly targets: readonly ProbeTarget[];
  /**
   * How the AMI is meant to be used when no compute environment says so (`targets` empty, as
   * with the CLI's `ami` command), so the image rules can judge it for those instance types.
   */
  readonly context?: ComputeEnvironmentContext;
  readonly region: string;
  readonly accountId: string;
  /** Seconds to wait before starting: a run's later probes start in waves (shared/probe/waves.ts). */
  readonly startDelaySeconds?: number;
}

export type ProbeStartResult =
  | { readonly status: 'started'; readonly executionArn: string }
  /** A probe of the same AMI with the same collector version is already running (or ran): not started twice. */
  | { readonly status: 'already-running'; readonly executionArn?: string };

/** Starts host probes (a Step Functions execution per AMI). */
export interface ProbeLauncher {
  start(request: ProbeRequest): Promise<ProbeStartResult>;
}

/** Host facts gathered by an earlier probe of the same AMI (AMIs are immutable). */
export interface CachedProbeFacts {
  readonly amiId: string;
  readonly collectorVersion: string;
  readonly host?: HostFacts;
  readonly join?: JoinFacts;
  /** Why host facts are missing, when the probe could not collect them. */
  readonly hostUnavailableReason?: string;
  readonly collectedAt: string;
}

export interface FactsCache {
  get(amiId: string): Promise<CachedProbeFacts | undefined>;
  put(facts: CachedProbeFacts): Promise<void>;
}

/**
 * A compute environment an audit run looked at. Resolution never reaches beyond what a run
 * evaluated: a run that did not look at a compute environment (or at one of its AMIs) leaves
 * its findings as they were.
 */
export interface EvaluatedComputeEnvironment {
  readonly name: string;
  readonly arn?: string;
  /** Its tags; the notifier routes by the configured routing tags among them (e.g. `team`). */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Every AMI it launches now, whether this run reported on it or handed it to the probe: its
   * findings for any other AMI are resolved (it moved to another image). `[]` for a deleted
   * compute environment. Omit when the run judged only the AMIs of its reports (a probe's
   * score): then only findings of those AMIs can change.
   */
  readonly amiIds?: readonly string[];
}

/** One audit run, as the notifier needs it to tell people what changed. */
export interface NotificationRun {
  /**
   * What produced it: a CloudTrail create/update (`change`), the scheduled `sweep` (one digest
   * per run), a `deleted` compute environment (its findings resolve), or a finished `probe`.
   */
  readonly kind: 'change' | 'sweep' | 'deleted' | 'probe';
  /** Stable across retries of the same work (CloudTrail event id, schedule event id). */
  readonly auditId: string;
  readonly accountId: string;
  readonly region: string;
  /** The final reports of the run, one per (compute environment, AMI), waivers applied. */
  readonly reports: readonly AuditReport[];
  /** The compute environments the run evaluated. */
  readonly scope: readonly EvaluatedComputeEnvironment[];
  /**
   * True when `scope` lists every compute environment of the account and region (the sweep):
   * findings of compute environments missing from it are resolved as deleted.
   */
  readonly complete: boolean;
}

/**
 * Delivers what changed to people (SNS and the channels behind it): a finding that is new, that
 * changed status or severity, or that was resolved, once; an unchanged finding stays silent.
 * Implementations publish before they record what they told people, so a failure is retried
 * (at least once, never lost); callers let its errors propagate.
 */
export interface Notifier {
  publish(run: NotificationRun): Promise<void>;
}
