/**
 * What the notifier remembers about each finding: the state people were last told about, keyed
 * by (account, region, compute environment, AMI, rule). Change-only alerts compare this run's
 * findings with it, and it is written only after the message that announces a change is out.
 */
import type { AuditReport } from '../core/report';
import type { Finding, RuleLevel, Severity } from '../core/rule';

/** The AMI part of the key for a compute environment whose AMI could not be resolved at all. */
export const UNRESOLVED_AMI = 'unresolved';

/** Statuses of a finding that is still open. */
export type OpenStatus = 'FAIL' | 'INCONCLUSIVE' | 'ERROR';
/** A recorded finding's status: open, or resolved (kept a while, to call a recurrence back). */
export type StateStatus = OpenStatus | 'RESOLVED';

const OPEN: ReadonlySet<string> = new Set<OpenStatus>(['FAIL', 'INCONCLUSIVE', 'ERROR']);

/** What people were last told about one finding. */
export interface FindingState {
  readonly accountId: string;
  readonly region: string;
  readonly computeEnvironment: string;
  readonly computeEnvironmentArn?: string;
  /** The AMI, or {@link UNRESOLVED_AMI}. */
  readonly amiId: string;
  readonly ruleId: string;
  readonly status: StateStatus;
  readonly severity: Severity;
  readonly level: RuleLevel;
  /** True while a waiver in force covers it: recorded, never announced. */
  readonly waived: boolean;
  readonly title: string;
  /** The finding's message when last seen open, so a "resolved" message can say what it was. */
  readonly message: string;
  readonly origin?: string;
  /** The compute environment's routing tags, kept so a deleted one's resolution reaches its team. */
  readonly routingTags: Readonly<Record<string, string>>;
  /** When the finding was first seen open (kept across changes, reset when it reopens). */
  readonly firstSeenAt: string;
  /** When this state was observed (the report's time): an older observation never overwrites it. */
  readonly observedAt: string;
  /** The audit that recorded this state. */
  readonly auditId: string;
}

/** Reads and writes finding states (DynamoDB in the stack, a map in tests). */
export interface FindingStateStore {
  /**
   * The states of one account and region: of the named compute environments, or of all of them
   * when `computeEnvironments` is undefined (a sweep).
   */
  load(query: {
    readonly accountId: string;
    readonly region: string;
    readonly computeEnvironments?: readonly string[];
  }): Promise<FindingState[]>;
  /**
   * Writes `states`, each unless the stored one was observed later (a newer audit won the race).
   * @returns how many were skipped for that reason.
   */
  save(states: readonly FindingState[]): Promise<{ readonly skipped: number }>;
}

/** `gpu-ce#ami-0abc#image-hvm`: one finding within an account and region. */
export function findingKey(computeEnvironment: string, amiId: string, ruleId: string): string {
  return `${computeEnvironment}#${amiId}#${ruleId}`;
}

/** The key of a state within its account and region. */
export const stateKey = (state: FindingState): string =>
  findingKey(state.computeEnvironment, state.amiId, state.ruleId);

/** The AMI part of the key of a report's findings. */
export const amiKeyOf = (report: AuditReport): string => report.target.amiId ?? UNRESOLVED_AMI;

/**
 * True for the findings the notifier tracks: required findings that FAIL, are INCONCLUSIVE or
 * ERROR (waived or not). Warnings (recommended and advisory rules) never alert: they are in the
 * report, not in anyone's pager.
 */
export function isTracked(finding: Finding): boolean {
  return finding.level === 'required' && OPEN.has(finding.status);
}

/** True unless resolved. */
export const isOpen = (state: FindingState): boolean => state.status !== 'RESOLVED';
