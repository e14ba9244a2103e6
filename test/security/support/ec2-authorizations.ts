/**
 * The authorizations IAM makes for the probe's writes, built from the very requests the
 * adapters send: RunInstances (each resource it uses or creates, the role it passes, the
 * tags it creates), TerminateInstances and SSM SendCommand. Condition keys are the ones the
 * service authorization reference lists for each resource type.
 */
import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { SendCommandCommandInput } from '@aws-sdk/client-ssm';
import type { AuthorizationRequest, ConditionContext } from './policy-evaluator';

/** Where the request is made, and what IAM knows of the resources it names. */
export interface AccountFacts {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Tags of existing resources (security groups, instances), by id. */
  readonly tags: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The role inside the instance profile RunInstances names. */
  readonly instanceProfileRoleArn: string;
}

type Tags = { Key?: string; Value?: string }[];

/** `aws:RequestTag/…` and `aws:TagKeys` for the tags a request puts on a resource type. */
function requestTags(tags: Tags | undefined): ConditionContext {
  if (!tags || tags.length === 0) return {};
  return {
    ...Object.fromEntries(tags.map((t) => [`aws:RequestTag/${t.Key}`, t.Value ?? ''])),
    'aws:TagKeys': tags.map((t) => t.Key ?? ''),
  };
}

/** `<prefix>:ResourceTag/…` for the tags an existing resource carries. */
function resourceTags(prefix: string, tags: Readonly<Record<string, string>> | undefined) {
  return Object.fromEntries(
    Object.entries(tags ?? {}).map(([k, v]) => [`${prefix}:ResourceTag/${k}`, v]),
  );
}

/** Every authorization of one RunInstances request, its PassRole and its tagging included. */
export function runInstancesAuthorizations(
  input: RunInstancesCommandInput,
  facts: AccountFacts,
): AuthorizationRequest[] {
  const arn = (type: string, id: string) =>
    `arn:${facts.partition}:ec2:${facts.region}:${facts.accountId}:${type}/${id}`;
  const tagsFor = (type: string) =>
    input.TagSpecifications?.find((spec) => spec.ResourceType === type)?.Tags;
  const run = (resource: string, context: ConditionContext): AuthorizationRequest => ({
    action: 'ec2:RunInstances',
    resource,
    context,
  });
  const metadata = input.MetadataOptions ?? {};
  const root = input.BlockDeviceMappings?.find((m) => m.Ebs);
  const profileArn =
    input.IamInstanceProfile?.Arn ??
    (input.IamInstanceProfile?.Name
      ? `arn:${facts.partition}:iam::${facts.accountId}:instance-profile/${input.IamInstanceProfile.Name}`
      : undefined);
  const requests: AuthorizationRequest[] = [
    run(arn('instance', '*'), {
      ...requestTags(tagsFor('instance')),
      ...(input.InstanceType ? { 'ec2:InstanceType': input.InstanceType } : {}),
      ...(metadata.HttpTokens ? { 'ec2:MetadataHttpTokens': metadata.HttpTokens } : {}),
      ...(metadata.HttpPutResponseHopLimit === undefined
        ? {}
        : { 'ec2:MetadataHttpPutResponseHopLimit': String(metadata.HttpPutResponseHopLimit) }),
      ...(profileArn ? { 'ec2:InstanceProfile': profileArn } : {}),
    }),
    run(arn('volume', '*'), {
      ...requestTags(tagsFor('volume')),
      'ec2:Encrypted': String(root?.Ebs?.Encrypted ?? false),
    }),
    run(arn('network-interface', '*'), {
      ...requestTags(tagsFor('network-interface')),
      ...(input.SubnetId ? { 'ec2:Subnet': arn('subnet', input.SubnetId) } : {}),
    }),
    run(`arn:${facts.partition}:ec2:${facts.region}::image/${input.ImageId}`, {}),
    ...(input.SubnetId ? [run(arn('subnet', input.SubnetId), {})] : []),
    ...(input.SecurityGroupIds ?? []).map((id) =>
      run(arn('security-group', id), resourceTags('ec2', facts.tags[id])),
    ),
    ...(input.KeyName ? [run(arn('key-pair', input.KeyName), {})] : []),
    ...(input.LaunchTemplate?.LaunchTemplateId
      ? [run(arn('launch-template', input.LaunchTemplate.LaunchTemplateId), {})]
      : []),
  ];
  if (profileArn) {
    requests.push({
      action: 'iam:PassRole',
      resource: facts.instanceProfileRoleArn,
      context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
    });
  }
  for (const spec of input.TagSpecifications ?? []) {
    requests.push({
      action: 'ec2:CreateTags',
      resource: arn(String(spec.ResourceType), '*'),
      context: { 'ec2:CreateAction': 'RunInstances', ...requestTags(spec.Tags) },
    });
  }
  return requests;
}

/** The authorization of terminating each instance of `instanceIds`. */
export function terminateAuthorizations(
  instanceIds: readonly string[],
  facts: AccountFacts,
): AuthorizationRequest[] {
  return instanceIds.map((id) => ({
    action: 'ec2:TerminateInstances',
    resource: `arn:${facts.partition}:ec2:${facts.region}:${facts.accountId}:instance/${id}`,
    context: resourceTags('ec2', facts.tags[id]),
  }));
}

/** Every authorization of one SendCommand: the document, each instance, the output bucket. */
export function sendCommandAuthorizations(
  input: SendCommandCommandInput,
  facts: AccountFacts,
): AuthorizationRequest[] {
  const send = (resource: string, context: ConditionContext = {}): AuthorizationRequest => ({
    action: 'ssm:SendCommand',
    resource,
    context,
  });
  const document = String(input.DocumentName);
  // AWS-owned documents have no account in their ARN.
  const owner = document.startsWith('AWS-') ? '' : facts.accountId;
  return [
    send(`arn:${facts.partition}:ssm:${facts.region}:${owner}:document/${document}`),
    ...(input.InstanceIds ?? []).map((id) =>
      send(
        `arn:${facts.partition}:ec2:${facts.region}:${facts.accountId}:instance/${id}`,
        Object.fromEntries(
          Object.entries(facts.tags[id] ?? {}).map(([k, v]) => [`ssm:resourceTag/${k}`, v]),
        ),
      ),
    ),
    ...(input.OutputS3BucketName
      ? [send(`arn:${facts.partition}:s3:::${input.OutputS3BucketName}`)]
      : []),
  ];
}
