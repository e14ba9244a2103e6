/**
 * The probe's user data. Like the user data Batch gives its instances, it
 * appends `ECS_CLUSTER=...` to /etc/ecs/ecs.config, so the ECS agent baked
 * into the AMI registers the probe in the (dedicated) probe cluster: that is
 * the join test. Before anything else it arms a dead-man switch: the host
 * powers itself off after the maximum lifetime, and the instance's shutdown
 * behaviour (terminate) turns that into termination, even if every other
 * cleanup path failed.
 */

export interface UserDataInput {
  /** Probe cluster name (validated by the config: letters, digits, `-`, `_`). */
  readonly cluster: string;
  readonly maxLifetimeMinutes: number;
  readonly auditId: string;
}

export function buildUserData(input: UserDataInput): string {
  const minutes = Math.max(1, Math.floor(input.maxLifetimeMinutes));
  if (!/^[A-Za-z0-9_-]+$/.test(input.cluster)) {
    throw new RangeError(`cluster name "${input.cluster}" is not safe to write into user data`);
  }
  return [
    '#!/bin/sh',
    `# batch-ami-auditor probe for audit ${input.auditId.replace(/[^A-Za-z0-9_.:-]/g, '_')}.`,
    `# Dead-man switch first: power off after ${minutes} minutes whatever else happens`,
    '# (the instance terminates on shutdown).',
    'if command -v shutdown >/dev/null 2>&1; then',
    `  shutdown -P +${minutes} 'batch-ami-auditor probe: maximum lifetime reached'`,
    'else',
    `  nohup sh -c 'sleep ${minutes * 60}; poweroff -f' >/dev/null 2>&1 &`,
    'fi',
    '# Join the probe cluster exactly as Batch user data joins a compute environment cluster.',
    'mkdir -p /etc/ecs',
    `echo 'ECS_CLUSTER=${input.cluster}' >> /etc/ecs/ecs.config`,
    '',
  ].join('\n');
}
