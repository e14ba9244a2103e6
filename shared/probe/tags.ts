/**
 * The tags every probe resource carries from the moment it exists (applied by
 * RunInstances' TagSpecifications, never by a later call, so a failed tagging
 * call can never leave an untraceable instance behind).
 *
 * The owner tag is also what IAM conditions on: the auditor may only terminate,
 * read the console of, or send commands to instances that carry its owner tag.
 */
export const PROBE_TAG = {
  /** The deployment that owns the probe (the stack name); IAM conditions use it. */
  owner: 'batch-ami-auditor:owner',
  auditId: 'batch-ami-auditor:audit-id',
  amiId: 'batch-ami-auditor:ami-id',
  /** The Step Functions execution (or CLI run) that launched it: makes launch retries idempotent. */
  execution: 'batch-ami-auditor:execution',
  /** ISO-8601 time after which the janitor terminates it, whatever its state. */
  expiresAt: 'batch-ami-auditor:expires-at',
} as const;

export interface ProbeTagValues {
  readonly owner: string;
  readonly auditId: string;
  readonly amiId: string;
  readonly execution: string;
  readonly expiresAt: Date;
}

/** EC2 allows tag values up to 256 characters. */
const MAX_TAG_VALUE = 256;

/** The tags of one probe, as EC2 `Tag`s, plus a `Name` people recognise in the console. */
export function probeTags(values: ProbeTagValues): { Key: string; Value: string }[] {
  const tags: Record<string, string> = {
    Name: `batch-ami-auditor probe ${values.amiId}`,
    [PROBE_TAG.owner]: values.owner,
    [PROBE_TAG.auditId]: values.auditId,
    [PROBE_TAG.amiId]: values.amiId,
    [PROBE_TAG.execution]: values.execution,
    [PROBE_TAG.expiresAt]: values.expiresAt.toISOString(),
  };
  return Object.entries(tags).map(([Key, Value]) => ({
    Key,
    Value: Value.slice(0, MAX_TAG_VALUE),
  }));
}
