/**
 * What the probe really asks of AWS, judged by the packaged IAM policies: a probe execution
 * runs against moto (test/support/probe-world.ts) with the stack's owner, and every
 * RunInstances, PassRole, CreateTags, TerminateInstances and SendCommand authorization its
 * requests need is evaluated against the role of the task that sent them. The same requests,
 * bent one property at a time, must be denied. The security group the launch used is read
 * back from moto: no inbound rule, HTTPS out only.
 */
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import type { SendCommandCommandInput } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeConfig } from '../../shared/probe/config';
import { PROBE_TAG } from '../../shared/probe/tags';
import { runProbeExecution } from '../support/local-probe-execution';
import { packagedTemplate } from '../support/packaged-template';
import { ProbeWorld } from '../support/probe-world';
import {
  runInstancesAuthorizations,
  sendCommandAuthorizations,
  terminateAuthorizations,
} from './support/ec2-authorizations';
import { type AuthorizationRequest, denied } from './support/policy-evaluator';
import {
  accountFacts,
  REGION,
  resolvedRole,
  TEMPLATE_OWNER,
  worldStandIns,
} from './support/probe-stand-ins';

const template = packagedTemplate();
let world: ProbeWorld;
/** Tags of every instance and security group in the world, by id. */
let tags: Record<string, Record<string, string>>;

/** What one probe execution sent, with the stack's owner (and `config`). */
interface Sent {
  readonly runInstances: RunInstancesCommandInput;
  readonly terminated: string[];
  readonly sendCommand: SendCommandCommandInput;
}
let plain: Sent;
let withBucketAndSubnet: Sent;

async function probeOnce(config: Partial<ProbeConfig>): Promise<Sent> {
  const before = world.calls.length;
  const run = await runProbeExecution(world, world.request(await world.freshAmi()), {
    config: { owner: TEMPLATE_OWNER, ...config },
  });
  expect(run.error).toBeUndefined();
  const calls = world.calls.slice(before);
  const input = (command: string) => calls.find((c) => c.command === command)?.input;
  return {
    runInstances: input('RunInstances') as RunInstancesCommandInput,
    terminated: calls
      .filter((c) => c.command === 'TerminateInstances')
      .flatMap((c) => (c.input as { InstanceIds: string[] }).InstanceIds),
    sendCommand: input('SendCommand') as SendCommandCommandInput,
  };
}

async function tagsOfEverything(): Promise<Record<string, Record<string, string>>> {
  const asRecord = (list: { Key?: string; Value?: string }[] = []) =>
    Object.fromEntries(list.map((t) => [t.Key ?? '', t.Value ?? '']));
  const { Reservations = [] } = await world.ec2.send(new DescribeInstancesCommand({}));
  const { SecurityGroups = [] } = await world.ec2.send(new DescribeSecurityGroupsCommand({}));
  return Object.fromEntries([
    ...Reservations.flatMap((r) => r.Instances ?? []).map((i) => [i.InstanceId, asRecord(i.Tags)]),
    ...SecurityGroups.map((g) => [g.GroupId, asRecord(g.Tags)]),
  ]);
}

beforeAll(async () => {
  world = await ProbeWorld.create();
  plain = await probeOnce({});
  withBucketAndSubnet = await probeOnce({ outputBucket: world.bucket, subnetId: world.subnetId });
  tags = await tagsOfEverything();
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

const describeRequests = (requests: readonly AuthorizationRequest[]) =>
  requests.map((r) => `${r.action} ${r.resource}`);

/** The Launch role's verdicts on a RunInstances request (with its PassRole and CreateTags). */
function launchDenials(
  input: RunInstancesCommandInput,
  options: Parameters<typeof worldStandIns>[1] = {},
) {
  const statements = resolvedRole(template, 'ProbeLaunchRole', worldStandIns(world, options));
  return describeRequests(
    denied(statements, runInstancesAuthorizations(input, accountFacts(tags))),
  );
}

/** `input` with its tags on every resource type replaced by `edit(tags)`. */
function retagged(
  input: RunInstancesCommandInput,
  edit: (tags: { Key: string; Value: string }[]) => { Key: string; Value: string }[],
): RunInstancesCommandInput {
  return {
    ...input,
    TagSpecifications: input.TagSpecifications?.map((spec) => ({
      ...spec,
      Tags: edit((spec.Tags ?? []) as { Key: string; Value: string }[]),
    })),
  };
}

describe('the probe launch, judged by the packaged ProbeLaunchRole', () => {
  it('is allowed: every resource RunInstances uses or creates, the role it passes, the tags it creates', () => {
    const requests = runInstancesAuthorizations(plain.runInstances, accountFacts(tags));
    expect(requests.map((r) => r.action)).toEqual(
      expect.arrayContaining(['ec2:RunInstances', 'iam:PassRole', 'ec2:CreateTags']),
    );
    expect(launchDenials(plain.runInstances)).toEqual([]);
  });

  it('is allowed into the configured subnet only, when probeSubnetId is set', () => {
    const options = { probeSubnetId: world.subnetId, outputBucket: true };
    expect(launchDenials(withBucketAndSubnet.runInstances, options)).toEqual([]);
    const elsewhere = { ...withBucketAndSubnet.runInstances, SubnetId: world.noPathSubnetId };
    expect(launchDenials(elsewhere, options)).toEqual([
      `ec2:RunInstances arn:aws:ec2:${REGION}:123456789012:subnet/${world.noPathSubnetId}`,
    ]);
  });

  const input = () => plain.runInstances;
  const instance = 'ec2:RunInstances arn:aws:ec2:us-east-1:123456789012:instance/*';
  const volume = 'ec2:RunInstances arn:aws:ec2:us-east-1:123456789012:volume/*';
  const bent: [string, () => RunInstancesCommandInput, string[]][] = [
    [
      'without the owner tag',
      () => retagged(input(), (t) => t.filter((tag) => tag.Key !== PROBE_TAG.owner)),
      [instance, volume, 'ec2:RunInstances arn:aws:ec2:us-east-1:123456789012:network-interface/*'],
    ],
    [
      "with another stack's owner",
      () =>
        retagged(input(), (t) =>
          t.map((tag) => (tag.Key === PROBE_TAG.owner ? { ...tag, Value: 'someone-else' } : tag)),
        ),
      [instance, volume, 'ec2:RunInstances arn:aws:ec2:us-east-1:123456789012:network-interface/*'],
    ],
    [
      'with a tag of its own',
      () => retagged(input(), (t) => [...t, { Key: 'team', Value: 'ml' }]),
      [instance, volume, 'ec2:RunInstances arn:aws:ec2:us-east-1:123456789012:network-interface/*'],
    ],
    [
      'without the expiry the janitor needs',
      () => retagged(input(), (t) => t.filter((tag) => tag.Key !== PROBE_TAG.expiresAt)),
      [instance],
    ],
    [
      'with IMDSv1 allowed',
      () => ({
        ...input(),
        MetadataOptions: { ...input().MetadataOptions, HttpTokens: 'optional' },
      }),
      [instance],
    ],
    [
      'with a larger IMDS hop limit',
      () => ({
        ...input(),
        MetadataOptions: { ...input().MetadataOptions, HttpPutResponseHopLimit: 3 },
      }),
      [instance],
    ],
    [
      'with an unencrypted volume',
      () => ({
        ...input(),
        BlockDeviceMappings: input().BlockDeviceMappings?.map((m) => ({
          ...m,
          Ebs: { ...m.Ebs, Encrypted: false },
        })),
      }),
      [volume],
    ],
    [
      'with a key pair',
      () => ({ ...input(), KeyName: 'ops' }),
      ['ec2:RunInstances arn:aws:ec2:us-east-1:123456789012:key-pair/ops'],
    ],
    [
      'with an instance type nobody configured',
      () => ({ ...input(), InstanceType: 'p5.48xlarge' }),
      [instance],
    ],
    [
      'in a security group that is not the probe’s',
      () => ({ ...input(), SecurityGroupIds: ['sg-0notaprobe000000'] }),
      ['ec2:RunInstances arn:aws:ec2:us-east-1:123456789012:security-group/sg-0notaprobe000000'],
    ],
  ];

  it.each(bent)('is denied %s', (_, request, expected) => {
    expect(launchDenials(request())).toEqual(expected);
  });

  it('is denied with another instance profile, whose role it may not pass either', () => {
    const admin = {
      ...input(),
      IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/admin' },
    };
    const statements = resolvedRole(template, 'ProbeLaunchRole', worldStandIns(world));
    const facts = {
      ...accountFacts(tags),
      instanceProfileRoleArn: 'arn:aws:iam::123456789012:role/admin',
    };
    expect(describeRequests(denied(statements, runInstancesAuthorizations(admin, facts)))).toEqual([
      instance,
      'iam:PassRole arn:aws:iam::123456789012:role/admin',
    ]);
  });
});

describe('the launch request itself', () => {
  it('asks for IMDSv2, an encrypted root volume, no key pair, and termination on shutdown', () => {
    expect(plain.runInstances).toMatchObject({
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
      InstanceInitiatedShutdownBehavior: 'terminate',
    });
    expect(plain.runInstances.KeyName).toBeUndefined();
    expect(plain.runInstances.BlockDeviceMappings?.map((m) => m.Ebs?.Encrypted)).toEqual([true]);
    expect(Buffer.from(String(plain.runInstances.UserData), 'base64').toString()).toMatch(
      /shutdown -P \+60/,
    );
  });

  it('used a security group with no inbound rule and HTTPS out only', async () => {
    const { SecurityGroups = [] } = await world.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: plain.runInstances.SecurityGroupIds }),
    );
    const [group, ...others] = SecurityGroups;
    expect(others).toEqual([]);
    expect(group?.IpPermissions).toEqual([]);
    expect(
      group?.IpPermissionsEgress?.map((p) => [
        p.IpProtocol,
        p.FromPort,
        p.ToPort,
        ...(p.IpRanges ?? []).map((r) => r.CidrIp),
        ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
      ]),
    ).toEqual([['tcp', 443, 443, '0.0.0.0/0', '::/0']]);
    expect(group?.Tags).toContainEqual({ Key: PROBE_TAG.owner, Value: TEMPLATE_OWNER });
  });
});

describe('terminating and commanding, judged by the packaged roles', () => {
  const probe = () => plain.terminated[0] ?? '';

  it.each(['ProbeTerminateRole', 'JanitorRole'])(
    '%s may terminate the probe, and not an instance without the owner tag',
    (role) => {
      const statements = resolvedRole(template, role, worldStandIns(world));
      const facts = accountFacts({ ...tags, 'i-0untagged0000000': {} });
      expect(plain.terminated).toContain(probe());
      expect(denied(statements, terminateAuthorizations(plain.terminated, facts))).toEqual([]);
      expect(
        describeRequests(
          denied(statements, terminateAuthorizations(['i-0untagged0000000'], facts)),
        ),
      ).toEqual([
        'ec2:TerminateInstances arn:aws:ec2:us-east-1:123456789012:instance/i-0untagged0000000',
      ]);
    },
  );

  it('ProbeRunCollectorRole may send the collector to the probe (output bucket included), nothing else', () => {
    const statements = (outputBucket: boolean) =>
      resolvedRole(template, 'ProbeRunCollectorRole', worldStandIns(world, { outputBucket }));
    const facts = accountFacts(tags);
    const judge = (input: SendCommandCommandInput, outputBucket = false) =>
      describeRequests(denied(statements(outputBucket), sendCommandAuthorizations(input, facts)));

    expect(judge(plain.sendCommand)).toEqual([]);
    expect(withBucketAndSubnet.sendCommand.OutputS3BucketName).toBe(world.bucket);
    expect(judge(withBucketAndSubnet.sendCommand, true)).toEqual([]);
    expect(judge({ ...plain.sendCommand, DocumentName: 'AWS-RunPowerShellScript' })).toEqual([
      'ssm:SendCommand arn:aws:ssm:us-east-1::document/AWS-RunPowerShellScript',
    ]);
    expect(judge({ ...plain.sendCommand, InstanceIds: ['i-0untagged0000000'] })).toEqual([
      'ssm:SendCommand arn:aws:ec2:us-east-1:123456789012:instance/i-0untagged0000000',
    ]);
    expect(judge({ ...plain.sendCommand, OutputS3BucketName: 'somewhere-else' }, true)).toEqual([
      'ssm:SendCommand arn:aws:s3:::somewhere-else',
    ]);
  });
});
