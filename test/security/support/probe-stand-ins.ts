/**
 * The packaged roles of the probe, resolved for a ProbeWorld: the stack's resources stand for
 * the world's (its instance profile, cluster, bucket), so the requests the world's adapters
 * really sent can be evaluated against the policies that would be deployed.
 */
import type { Template } from '../../support/packaged-template';
import type { ProbeWorld } from '../../support/probe-world';
import type { AccountFacts } from './ec2-authorizations';
import type { ResolvedStatement } from './policy-evaluator';
import {
  conditionValue,
  resolveIntrinsics,
  type StackStandIns,
  statementsOfRole,
} from './role-policies';

export const PARTITION = 'aws';
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';
/** The owner the packaged template conditions on (`<service>-<stage>` of `serverless package`). */
export const TEMPLATE_OWNER = 'batch-ami-auditor-dev';

/** The role inside the world's probe instance profile. */
export const probeRoleArn = () => `arn:${PARTITION}:iam::${ACCOUNT}:role/auditor-test-probe`;

/** What the stack's intrinsics stand for in `world`, with `probeSubnetId` and the output bucket as given. */
export function worldStandIns(
  world: ProbeWorld,
  options: { readonly probeSubnetId?: string; readonly outputBucket?: boolean } = {},
): StackStandIns {
  const probeSubnetId = options.probeSubnetId ?? '';
  return {
    partition: PARTITION,
    region: REGION,
    accountId: ACCOUNT,
    values: {
      ProbeSubnetId: probeSubnetId,
      'ProbeInstanceProfile.Arn': world.instanceProfileArn,
      'ProbeInstanceRole.Arn': probeRoleArn(),
      'ProbeCluster.Arn': `arn:${PARTITION}:ecs:${REGION}:${ACCOUNT}:cluster/${world.cluster}`,
      'ProbeOutputBucket.Arn': `arn:${PARTITION}:s3:::${world.bucket}`,
      'DeadLetterQueue.Arn': `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:dead-letters`,
      'AuditKey.Arn': `arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/audit`,
    },
    conditions: {
      HasProbeSubnet: probeSubnetId !== '',
      HasProbeOutputBucket: options.outputBucket ?? false,
    },
  };
}

/** A role's statements as IAM would hold them for `standIns` (conditional ones included or not). */
export function resolvedRole(
  template: Template,
  role: string,
  standIns: StackStandIns,
): ResolvedStatement[] {
  return statementsOfRole(template, role)
    .filter((s) => !s.condition || conditionValue(s.condition, standIns))
    .map((s) => resolveIntrinsics(s.statement, standIns) as ResolvedStatement);
}

/** The account facts for authorizations in `world`, with the tags of existing resources. */
export function accountFacts(tags: AccountFacts['tags']): AccountFacts {
  return {
    partition: PARTITION,
    region: REGION,
    accountId: ACCOUNT,
    tags,
    instanceProfileRoleArn: probeRoleArn(),
  };
}
