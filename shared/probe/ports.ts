/**
 * What the probe tasks need from AWS, as narrow interfaces. shared/aws/probe
 * implements them over the SDK; the tasks never import an SDK client, so the
 * same task code runs in Lambda, in the CLI and in the local state-machine
 * tests (with the adapters pointed at moto_server or a mocked client).
 */
import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { AccountReader, FactsCache, Notifier } from '../pipeline/ports';
import type { Waiver } from '../waivers/schema';
import type { ProbeConfig } from './config';
import type { ContainerInstanceSummary } from './join-facts';
import type { NetworkPath } from './network-path';

/** The AMI as RunInstances needs it. */
export interface ImageDescription {
  readonly imageId: string;
  /** False when DescribeImages no longer returns it (deregistered mid-audit). */
  readonly found: boolean;
  readonly state?: string;
  readonly architecture?: string;
  readonly rootDeviceName?: string;
  readonly rootVolumeSizeGiB?: number;
}

export interface InstanceStatus {
  readonly instanceId: string;
  /** `pending`, `running`, `shutting-down`, `terminated`, `stopping`, `stopped`. */
  readonly state: string;
  /** EC2's StateReason message, e.g. `Client.InstanceInitiatedShutdown: ...`. */
  readonly stateReason?: string;
  readonly instanceType?: string;
  readonly subnetId?: string;
  readonly launchTime?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface InstanceFilter {
  readonly owner: string;
  readonly execution?: string;
  readonly states: readonly string[];
}

export interface ProbeEc2 {
  describeImage(amiId: string): Promise<ImageDescription>;
  /** Preflight for each subnet, in the order given; unknown subnets are left out. */
  networkPaths(subnetIds: readonly string[], region: string): Promise<NetworkPath[]>;
  /** The probe security group of this VPC (no ingress, egress 443 only), created on first use. */
  ensureSecurityGroup(vpcId: string, owner: string): Promise<string>;
  runInstance(input: RunInstancesCommandInput): Promise<{ instanceId: string }>;
  findInstances(filter: InstanceFilter): Promise<InstanceStatus[]>;
  describeInstance(instanceId: string): Promise<InstanceStatus | undefined>;
  /** Terminates; instances that no longer exist count as terminated. */
  terminate(instanceIds: readonly string[]): Promise<void>;
  /** Decoded console output, or undefined when EC2 has none yet. */
  consoleOutput(instanceId: string): Promise<string | undefined>;
}

export interface CommandInvocation {
  /** SSM's status: Pending, InProgress, Delayed, Success, Failed, TimedOut, Cancelled, Cancelling. */
  readonly status: string;
  readonly statusDetails?: string;
  readonly responseCode?: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutUrl?: string;
}

export interface SendCollectorInput {
  readonly instanceId: string;
  readonly script: string;
  readonly timeoutSeconds: number;
  readonly comment: string;
  readonly outputBucket?: string;
  readonly outputPrefix?: string;
}

export interface ProbeSsm {
  /** The SSM agent on the instance reports in (PingStatus Online). */
  isOnline(instanceId: string): Promise<boolean>;
  /** Sends the collector with AWS-RunShellScript; returns the command id. */
  sendCollector(input: SendCollectorInput): Promise<string>;
  getInvocation(commandId: string, instanceId: string): Promise<CommandInvocation>;
}

export interface ProbeOutputStore {
  /** The object's text, or undefined when it does not exist. */
  read(bucket: string, key: string): Promise<string | undefined>;
}

export interface ProbeEcs {
  findContainerInstance(
    cluster: string,
    ec2InstanceId: string,
  ): Promise<ContainerInstanceSummary | undefined>;
  /** Deregisters (forced); a container instance already gone counts as deregistered. */
  deregister(cluster: string, containerInstanceArn: string): Promise<void>;
  listContainerInstances(cluster: string): Promise<ContainerInstanceSummary[]>;
}

export interface ProbeLog {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

/** Everything a probe task may use. Each task takes only the part it needs. */
export interface ProbeDeps {
  readonly config: ProbeConfig;
  readonly ec2: ProbeEc2;
  readonly ssm: ProbeSsm;
  readonly outputStore: ProbeOutputStore;
  readonly ecs: ProbeEcs;
  readonly cache: FactsCache;
  readonly notifier: Notifier;
  /** Accepted risks (waivers.yml), applied to the probe's reports before they are published. */
  readonly waivers?: readonly Waiver[];
  /**
   * The SSM public parameters of the ECS-optimized AMIs, read as the pipeline reads them, so the
   * freshness rules compare a probed host against the same baseline (shared/pipeline/baselines.ts).
   */
  readonly publicParameters: Pick<AccountReader, 'parameters'>;
  readonly collector: { readonly script: string; readonly version: string };
  readonly now: () => Date;
  readonly log: ProbeLog;
}
