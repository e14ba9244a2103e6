/**
 * The janitor against moto: only this deployment's expired probes are
 * terminated, and only container instances no live probe accounts for are
 * deregistered from the probe cluster.
 */
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { PutAttributesCommand, RegisterContainerInstanceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ec2Probe } from '../../../shared/aws/probe/ec2';
import { runJanitor } from '../../../shared/probe/janitor';
import { buildRunInstancesInput } from '../../../shared/probe/launch-params';
import { probeTags } from '../../../shared/probe/tags';
import { ProbeWorld } from '../../support/probe-world';

let world: ProbeWorld;

beforeAll(async () => {
  world = await ProbeWorld.create();
});
afterAll(async () => {
  await world?.stop();
});

async function launch(owner: string, expiresInSeconds: number): Promise<string> {
  const ec2 = new Ec2Probe(world.ec2);
  const ami = await world.freshAmi();
  const vpc = (await ec2.networkPaths([world.subnetId], 'us-east-1'))[0]?.vpcId ?? '';
  const expiresAt = new Date(world.clock.now().getTime() + expiresInSeconds * 1000);
  const { instanceId } = await ec2.runInstance(
    buildRunInstancesInput({
      amiId: ami,
      instanceType: 't3.micro',
      subnetId: world.subnetId,
      securityGroupId: await ec2.ensureSecurityGroup(vpc, world.owner),
      instanceProfileArn: world.instanceProfileArn,
      rootDeviceName: '/dev/xvda',
      rootVolumeSizeGiB: 8,
      cluster: world.cluster,
      maxLifetimeMinutes: 60,
      auditId: 'audit-janitor',
      execution: `janitor-${ami}`,
      tags: probeTags({
        owner,
        auditId: 'audit-janitor',
        amiId: ami,
        execution: `janitor-${ami}`,
        expiresAt,
      }),
    }),
  );
  return instanceId;
}

async function stateOf(instanceId: string): Promise<string | undefined> {
  const { Reservations = [] } = await world.ec2.send(
    new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
  );
  return Reservations[0]?.Instances?.[0]?.State?.Name;
}

async function register(instanceId: string): Promise<string> {
  const { containerInstance } = await world.ecs.send(
    new RegisterContainerInstanceCommand({
      cluster: world.cluster,
      instanceIdentityDocument: JSON.stringify({
        instanceId,
        region: 'us-east-1',
        availabilityZone: 'us-east-1a',
      }),
    }),
  );
  await world.ecs.send(
    new PutAttributesCommand({
      cluster: world.cluster,
      attributes: [{ name: 'probe', targetId: containerInstance?.containerInstanceArn }],
    }),
  );
  return containerInstance?.containerInstanceArn ?? '';
}

describe('runJanitor', () => {
  it('terminates expired probes of this deployment only, and cleans stale registrations', async () => {
    const expired = await launch(world.owner, -60);
    const fresh = await launch(world.owner, 3600);
    const someoneElses = await launch('another-deployment', -60);
    const staleRegistration = await register(expired);
    const liveRegistration = await register(fresh);

    const report = await runJanitor(world.deps());

    expect(report.terminated).toEqual([expired]);
    expect(await stateOf(expired)).not.toMatch(/^(pending|running)$/);
    expect(await stateOf(fresh)).toBe('running');
    expect(await stateOf(someoneElses)).toBe('running');
    expect(report.deregistered).toEqual([staleRegistration]);
    expect(await world.containerInstances()).toEqual([liveRegistration]);
  });

  it('terminates a probe once the clock passes its expiry', async () => {
    const probe = await launch(world.owner, 120);
    expect((await runJanitor(world.deps())).terminated).not.toContain(probe);
    world.clock.advance(121);
    expect((await runJanitor(world.deps())).terminated).toContain(probe);
  });
});
