/** Reports, runs and an in-memory state store for the notification tests. */
import { type AuditReport, buildReport } from '../../../../shared/core/report';
import type { Finding } from '../../../../shared/core/rule';
import type { FindingState, FindingStateStore } from '../../../../shared/notify/finding-state';
import { stateKey } from '../../../../shared/notify/finding-state';
import type { SnsMessage } from '../../../../shared/notify/sns-message';
import type {
  EvaluatedComputeEnvironment,
  NotificationRun,
} from '../../../../shared/pipeline/ports';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const T0 = new Date('2026-11-28T04:00:00.000Z');
export const BAD_AMI = 'ami-0badbadbadbadbad0';
export const GOOD_AMI = 'ami-0900d900d900d9000';

export const arnOf = (name: string) =>
  `arn:aws:batch:${REGION}:${ACCOUNT}:compute-environment/${name}`;

const base = {
  level: 'required' as const,
  evidence: [],
  specUrl: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
};

/** The HVM rule failing on a paravirtual image. */
export const hvm = (
  status: Finding['status'] = 'FAIL',
  severity: Finding['severity'] = 'critical',
): Finding => ({
  ...base,
  ruleId: 'image-hvm',
  title: 'Image uses hardware virtual machine (HVM) virtualization',
  scope: 'image',
  severity,
  status,
  message:
    status === 'PASS'
      ? `${BAD_AMI} uses HVM virtualization.`
      : `${BAD_AMI} is paravirtual; Batch instance types need HVM images.`,
  evidence: [{ source: 'ec2:DescribeImages', observed: 'VirtualizationType=paravirtual' }],
  remediation:
    'Rebuild the AMI from an HVM base image, such as the ECS-optimized Amazon Linux 2023 AMI.',
  impact: 'Instances cannot launch from a paravirtual image: the compute environment goes INVALID.',
});

/** The boot-mode rule, undecidable without facts. */
export const bootMode = (status: Finding['status'] = 'INCONCLUSIVE'): Finding => ({
  ...base,
  ruleId: 'image-boot-mode',
  title: "Image boot mode suits the compute environment's instance types",
  scope: 'image',
  severity: 'high',
  status,
  message:
    status === 'PASS'
      ? 'The image boots in a mode every instance type supports.'
      : 'The image declares no boot mode; whether c4.large can boot it is unknown.',
  remediation: 'Register the image with --boot-mode legacy-bios or uefi-preferred.',
  impact: 'Instances that cannot boot the image never join the cluster: jobs stay RUNNABLE.',
});

/** A recommended rule failing: a warning, never tracked. */
export const agentOld = (): Finding => ({
  ...base,
  ruleId: 'ecs-agent-current',
  title: 'ECS agent is current',
  scope: 'host',
  level: 'recommended',
  severity: 'low',
  status: 'FAIL',
  message: 'ECS agent 1.50.0 is older than 1.106.1.',
  remediation: 'Update ecs-init.',
  impact: 'Old agents miss fixes.',
});

export function ceReport(
  ce: string,
  amiId: string | undefined,
  findings: readonly Finding[],
  now: Date = T0,
): AuditReport {
  return buildReport({
    target: {
      kind: 'ami',
      label: `${amiId ?? 'unresolved'} in ${ce}`,
      ...(amiId ? { amiId } : {}),
      computeEnvironment: { name: ce, arn: arnOf(ce) },
      origin: 'computeResources.imageId',
      region: REGION,
      accountId: ACCOUNT,
    },
    findings,
    toolVersion: '0.1.0',
    now,
  });
}

export function changeRun(
  reports: readonly AuditReport[],
  scope: readonly EvaluatedComputeEnvironment[],
  overrides: Partial<NotificationRun> = {},
): NotificationRun {
  return {
    kind: 'change',
    auditId: 'change-evt-1',
    accountId: ACCOUNT,
    region: REGION,
    reports,
    scope,
    complete: false,
    ...overrides,
  };
}

/** A compute environment a run evaluated, launching `amiIds`. */
export const evaluated = (
  name: string,
  amiIds?: readonly string[],
  tags: Record<string, string> = { team: 'ml' },
): EvaluatedComputeEnvironment => ({
  name,
  arn: arnOf(name),
  tags,
  ...(amiIds ? { amiIds } : {}),
});

/** A FindingStateStore in memory, with the same "newer observation wins" rule as DynamoDB's. */
export function memoryStore(): FindingStateStore & { readonly states: Map<string, FindingState> } {
  const states = new Map<string, FindingState>();
  return {
    states,
    async load({ accountId, region, computeEnvironments }) {
      return [...states.values()].filter(
        (s) =>
          s.accountId === accountId &&
          s.region === region &&
          (!computeEnvironments || computeEnvironments.includes(s.computeEnvironment)),
      );
    },
    async save(toSave) {
      let skipped = 0;
      for (const state of toSave) {
        const key = `${state.accountId}#${state.region}#${stateKey(state)}`;
        const stored = states.get(key);
        if (stored && stored.observedAt > state.observedAt) skipped += 1;
        else states.set(key, state);
      }
      return { skipped };
    },
  };
}

/** A publisher that keeps what it was asked to send, and can be told to fail. */
export function capturePublisher() {
  const sent: SnsMessage[] = [];
  let failures = 0;
  return {
    sent,
    failNext(times = 1) {
      failures = times;
    },
    async publish(message: SnsMessage) {
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error('SNS is unavailable'), { name: 'InternalErrorException' });
      }
      sent.push(message);
    },
    /** The JSON documents sent (the `default` channel). */
    documents() {
      return sent.map((m) => JSON.parse(JSON.parse(m.message).default));
    },
  };
}
