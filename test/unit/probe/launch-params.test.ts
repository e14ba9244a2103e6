import { describe, expect, it } from 'vitest';
import {
  buildRunInstancesInput,
  type LaunchParamsInput,
} from '../../../shared/probe/launch-params';
import { PROBE_TAG, probeTags } from '../../../shared/probe/tags';

const expiresAt = new Date('2026-11-28T11:00:00Z');
const input: LaunchParamsInput = {
  amiId: 'ami-0123456789abcdef0',
  instanceType: 't3.micro',
  subnetId: 'subnet-0aaa',
  securityGroupId: 'sg-0probe',
  instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/probe',
  rootDeviceName: '/dev/xvda',
  rootVolumeSizeGiB: 30,
  cluster: 'auditor-prod-probe',
  maxLifetimeMinutes: 60,
  auditId: 'audit-42',
  execution: 'ami-0123456789abcdef0-c1',
  tags: probeTags({
    owner: 'auditor-prod',
    auditId: 'audit-42',
    amiId: 'ami-0123456789abcdef0',
    execution: 'ami-0123456789abcdef0-c1',
    expiresAt,
  }),
};

describe('buildRunInstancesInput', () => {
  const params = buildRunInstancesInput(input);

  it('tags the instance, its volume and its network interface at launch with owner, audit id and expiry', () => {
    const types = params.TagSpecifications?.map((spec) => spec.ResourceType);
    expect(types).toEqual(['instance', 'volume', 'network-interface']);
    for (const spec of params.TagSpecifications ?? []) {
      const tags = Object.fromEntries((spec.Tags ?? []).map((t) => [t.Key, t.Value]));
      expect(tags[PROBE_TAG.owner]).toBe('auditor-prod');
      expect(tags[PROBE_TAG.auditId]).toBe('audit-42');
      expect(tags[PROBE_TAG.expiresAt]).toBe('2026-11-28T11:00:00.000Z');
      expect(tags[PROBE_TAG.execution]).toBe('ami-0123456789abcdef0-c1');
    }
  });

  it('requires IMDSv2', () => {
    expect(params.MetadataOptions).toMatchObject({
      HttpTokens: 'required',
      HttpEndpoint: 'enabled',
    });
  });

  it('encrypts the root volume and deletes it with the instance', () => {
    expect(params.BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: { Encrypted: true, DeleteOnTermination: true, VolumeSize: 30 },
      },
    ]);
  });

  it('uses only the probe security group, no key pair, no public IP request, terminate on shutdown', () => {
    expect(params.SecurityGroupIds).toEqual(['sg-0probe']);
    expect(params.KeyName).toBeUndefined();
    expect(params.NetworkInterfaces).toBeUndefined();
    expect(params.InstanceInitiatedShutdownBehavior).toBe('terminate');
    expect(params.IamInstanceProfile).toEqual({ Arn: input.instanceProfileArn });
    expect([params.MinCount, params.MaxCount]).toEqual([1, 1]);
  });

  it('writes user data that arms the dead-man switch before joining the probe cluster', () => {
    const userData = Buffer.from(params.UserData ?? '', 'base64').toString('utf8');
    const shutdown = userData.indexOf("shutdown -P +60 'batch-ami-auditor probe");
    const join = userData.indexOf("echo 'ECS_CLUSTER=auditor-prod-probe' >> /etc/ecs/ecs.config");
    expect(shutdown).toBeGreaterThan(0);
    expect(join).toBeGreaterThan(shutdown);
    expect(userData.startsWith('#!/bin/sh\n')).toBe(true);
    // The fallback for hosts without `shutdown` uses the same lifetime.
    expect(userData).toContain('sleep 3600; poweroff -f');
  });

  it('derives an idempotency token from execution, type and subnet', () => {
    const again = buildRunInstancesInput(input);
    const otherType = buildRunInstancesInput({ ...input, instanceType: 't3a.micro' });
    expect(again.ClientToken).toBe(params.ClientToken);
    expect(otherType.ClientToken).not.toBe(params.ClientToken);
    expect(params.ClientToken?.length).toBeLessThanOrEqual(64);
  });

  it('refuses a cluster name that could inject shell into user data', () => {
    expect(() => buildRunInstancesInput({ ...input, cluster: "x'; reboot; '" })).toThrow(
      /not safe/,
    );
  });
});
