/**
 * The probe's AWS adapters against moto: the probe security group admits
 * nothing, the facts cache honours expiry and rejects damaged records.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ec2Probe } from '../../../shared/aws/probe/ec2';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import type { HostFacts } from '../../../shared/core/host-facts';
import { runFixtureHost } from '../../support/fixture-host';
import { ProbeWorld } from '../../support/probe-world';

let world: ProbeWorld;
let vpcId: string;
/** What the real collector and parser make of the official ECS-optimized AL2023 AMI. */
let al2023: HostFacts;

beforeAll(async () => {
  al2023 = parseCollectorOutput(await runFixtureHost('al2023-ecs-optimized'));
  world = await ProbeWorld.create();
  vpcId =
    (await new Ec2Probe(world.ec2).networkPaths([world.subnetId], 'us-east-1'))[0]?.vpcId ?? '';
});
afterAll(async () => {
  await world?.stop();
});

describe('probe security group', () => {
  it('has no inbound rule and only HTTPS outbound, and is reused', async () => {
    const groupId = await new Ec2Probe(world.ec2).ensureSecurityGroup(vpcId, 'sg-owner');
    const { SecurityGroups = [] } = await world.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
    );
    const group = SecurityGroups[0];
    expect(group?.IpPermissions).toEqual([]);
    expect(group?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.FromPort, p.ToPort])).toEqual([
      ['tcp', 443, 443],
    ]);
    expect(group?.Tags).toContainEqual({ Key: 'batch-ami-auditor:owner', Value: 'sg-owner' });
    expect(await new Ec2Probe(world.ec2).ensureSecurityGroup(vpcId, 'sg-owner')).toBe(groupId);
  });

  it('refuses to launch into it once someone has added an inbound rule', async () => {
    const groupId = await new Ec2Probe(world.ec2).ensureSecurityGroup(vpcId, 'tampered');
    await world.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    await expect(new Ec2Probe(world.ec2).ensureSecurityGroup(vpcId, 'tampered')).rejects.toThrow(
      /has inbound rules/,
    );
  });
});

describe('DynamoDbFactsCache', () => {
  const record = (amiId: string, host = al2023) => ({
    amiId,
    collectorVersion: '1',
    host,
    collectedAt: world.clock.now().toISOString(),
  });

  it('returns what was put, validated, until the cache lifetime passes', async () => {
    const cache = world.deps({ cacheDays: 2 }).cache;
    await cache.put(record('ami-0cache000000000001'));
    // The whole record survives the round trip through DynamoDB, nulls and empty lists included.
    expect((await cache.get('ami-0cache000000000001'))?.host).toEqual(al2023);
    world.clock.advance(2 * 86_400 + 1);
    expect(await cache.get('ami-0cache000000000001')).toBeUndefined();
  });

  it('keeps a failed probe only for the failure lifetime', async () => {
    const cache = world.deps({ failureCacheHours: 6 }).cache;
    await cache.put({
      amiId: 'ami-0cache000000000002',
      collectorVersion: '1',
      hostUnavailableReason: 'ssm_never_online: x',
      collectedAt: 'now',
    });
    world.clock.advance(5 * 3600);
    expect((await cache.get('ami-0cache000000000002'))?.hostUnavailableReason).toBe(
      'ssm_never_online: x',
    );
    world.clock.advance(3600 + 1);
    expect(await cache.get('ami-0cache000000000002')).toBeUndefined();
  });

  it('treats a record of another schema as a miss, so the AMI is probed again', async () => {
    await world.doc.send(
      new PutCommand({
        TableName: world.table,
        Item: {
          amiId: 'ami-0cache000000000003',
          collectorVersion: '1',
          record: JSON.stringify({ amiId: 'ami-0cache000000000003', host: { schemaVersion: 0 } }),
          expiresAt: Math.floor(world.clock.now().getTime() / 1000) + 3600,
        },
      }),
    );
    expect(await world.deps().cache.get('ami-0cache000000000003')).toBeUndefined();
  });
});
