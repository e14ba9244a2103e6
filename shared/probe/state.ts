/**
 * The probe execution's state: what each task receives and returns. It is
 * carried by Step Functions from state to state (and by the workstation
 * driver in a variable), so it is plain JSON and stays well under the
 * 256 KB payload limit: raw collector output never travels in it, only the
 * parsed host facts.
 */
import type { HostFacts } from '../core/host-facts';
import type { JoinFacts } from '../core/subject';
import type { CachedProbeFacts, ProbeRequest } from '../pipeline/ports';
import type { PathKind } from './network-path';

/** Machine-readable causes for a probe that could not collect (all) host facts. */
export type FailureCode =
  | 'invalid_request'
  | 'no_subnet'
  | 'no_ssm_path'
  | 'no_capacity'
  | 'unsupported_architecture'
  | 'image_gone'
  | 'ssm_never_online'
  | 'instance_gone'
  | 'command_failed'
  | 'command_timeout'
  | 'output_truncated'
  | 'output_unparseable'
  | 'probe_failed';

export interface ProbeFailure {
  readonly code: FailureCode;
  /** A sentence for people, with the evidence (console output, stderr excerpt) when there is some. */
  readonly message: string;
}

export interface ProbeInstance {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly subnetId: string;
  readonly launchedAt: string;
  /** When the dead-man switch powers it off and the janitor may terminate it. */
  readonly expiresAt: string;
  /** The instance type has NVIDIA GPUs. */
  readonly gpu: boolean;
}

/** One RunInstances attempt that failed and was moved past. */
export interface LaunchAttempt {
  readonly instanceType: string;
  readonly subnetId: string;
  readonly error: string;
}

export type LaunchOutcome =
  | {
      readonly status: 'launched';
      readonly instance: ProbeInstance;
      readonly attempts: readonly LaunchAttempt[];
      readonly network: {
        readonly ssm: PathKind;
        readonly ecs: PathKind | null;
        readonly explanation: string;
      };
      readonly gpuLimitation?: string;
    }
  | {
      readonly status: 'not-launched' | 'image-gone';
      readonly failure: ProbeFailure;
      readonly attempts: readonly LaunchAttempt[];
      /** The image's state when it could not be launched (`deregistered` when DescribeImages lost it). */
      readonly imageState?: string;
    };

/** A loop of checks with a deadline, driven by a Wait state reading `waitSeconds`. */
export interface Poll {
  /** Checks made so far. */
  readonly attempt: number;
  readonly waitSeconds: number;
  readonly deadline: string;
}

export interface OnlineCheck extends Poll {
  readonly status: 'waiting' | 'online' | 'never-online' | 'instance-gone';
  readonly onlineAt?: string;
  readonly failure?: ProbeFailure;
}

export interface CommandCheck extends Poll {
  readonly status: 'running' | 'collected' | 'failed';
  readonly commandId: string;
  readonly sentAt: string;
  readonly host?: HostFacts;
  readonly outputSource?: 'inline' | 's3';
  /** Set when facts were collected but the output was cut short (then `failure` says how). */
  readonly truncated?: boolean;
  readonly failure?: ProbeFailure;
}

export interface JoinCheck extends Poll {
  readonly status: 'waiting' | 'done';
  readonly facts?: JoinFacts;
  readonly containerInstanceArn?: string;
  readonly deregistered?: boolean;
}

export interface Termination {
  readonly instanceIds: readonly string[];
  readonly requestedAt: string;
  /** The CLI's --keep-on-failure kept the instance for debugging. */
  readonly kept?: boolean;
}

/** An error caught by a Catch (Step Functions' shape: `Cause` is often a JSON string from Lambda). */
export interface StepError {
  readonly Error: string;
  readonly Cause?: string;
}

export interface ProbeState {
  readonly request: ProbeRequest;
  readonly executionName: string;
  readonly startedAt?: string;
  /** Facts of an earlier probe of this AMI: no instance is launched. */
  readonly cached?: CachedProbeFacts;
  readonly launch?: LaunchOutcome;
  readonly online?: OnlineCheck;
  readonly command?: CommandCheck;
  readonly join?: JoinCheck;
  readonly termination?: Termination;
  /** A task failed after its retries (set by the Catch that routed here). */
  readonly error?: StepError;
  /** Terminate failed after its retries: the dead-man switch and the janitor remain. */
  readonly terminateError?: StepError;
}

/** What the execution returns: a summary for the console and for people reading its history. */
export interface ProbeResult {
  readonly amiId: string;
  readonly auditId: string;
  readonly verdicts: readonly {
    readonly computeEnvironment: string | null;
    readonly verdict: string;
  }[];
  readonly instanceId?: string;
  readonly terminationRequestedAt?: string;
  readonly fromCache: boolean;
  readonly reason?: string;
}

/** The instance id, when the state knows one. */
export function instanceOf(state: ProbeState): ProbeInstance | undefined {
  return state.launch?.status === 'launched' ? state.launch.instance : undefined;
}
