/**
 * The probe's EC2 adapter: the AMI as RunInstances needs it, launching,
 * finding, terminating and reading the console of probe instances.
 *
 * IAM: ec2:DescribeImages, ec2:DescribeInstances (Resource "*");
 * ec2:RunInstances (instance, volume and network interface only with the owner
 * tag in the request, IMDSv2 required, encrypted volumes, the probe instance
 * profile) with ec2:CreateTags only as part of RunInstances and iam:PassRole on
 * the probe role only; ec2:TerminateInstances and ec2:GetConsoleOutput only on
 * instances that carry the owner tag. Networking: see ec2-network.ts.
 */
import {
  DescribeInstancesCommand,
  EC2Client,
  GetConsoleOutputCommand,
  type Instance,
  paginateDescribeInstances,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { NetworkPath } from '../../probe/network-path';
import type { ImageDescription, InstanceFilter, InstanceStatus, ProbeEc2 } from '../../probe/ports';
import { PROBE_TAG } from '../../probe/tags';
import { describeImageRecords } from '../ec2-images';
import { call, errorName } from '../errors';
import { describeNetworkPaths, ensureProbeSecurityGroup } from './ec2-network';
import type { PortFactory } from './port-context';

export class Ec2Probe implements ProbeEc2 {
  private readonly ec2: EC2Client;
  /** Security groups already ensured by this process, per VPC. */
  private readonly securityGroups = new Map<string, string>();

  constructor(ec2: EC2Client) {
    this.ec2 = ec2;
  }

  async describeImage(amiId: string): Promise<ImageDescription> {
    const image = (await describeImageRecords(this.ec2, [amiId])).get(amiId);
    if (!image) return { imageId: amiId, found: false };
    const root = image.BlockDeviceMappings?.find((m) => m.DeviceName === image.RootDeviceName);
    return {
      imageId: amiId,
      found: true,
      ...(image.State ? { state: image.State } : {}),
      ...(image.Architecture ? { architecture: image.Architecture } : {}),
      ...(image.RootDeviceName ? { rootDeviceName: image.RootDeviceName } : {}),
      ...(root?.Ebs?.VolumeSize ? { rootVolumeSizeGiB: root.Ebs.VolumeSize } : {}),
    };
  }

  networkPaths(subnetIds: readonly string[], region: string): Promise<NetworkPath[]> {
    return describeNetworkPaths(this.ec2, subnetIds, region);
  }

  async ensureSecurityGroup(vpcId: string, owner: string): Promise<string> {
    const known = this.securityGroups.get(vpcId);
    if (known) return known;
    const groupId = await ensureProbeSecurityGroup(this.ec2, vpcId, owner);
    this.securityGroups.set(vpcId, groupId);
    return groupId;
  }

  async runInstance(input: RunInstancesCommandInput): Promise<{ instanceId: string }> {
    const response = await call('ec2:RunInstances', () =>
      this.ec2.send(new RunInstancesCommand(input)),
    );
    const instanceId = response.Instances?.[0]?.InstanceId;
    if (!instanceId) throw new Error('RunInstances answered without an instance id');
    return { instanceId };
  }

  async findInstances(filter: InstanceFilter): Promise<InstanceStatus[]> {
    const filters = [
      { Name: `tag:${PROBE_TAG.owner}`, Values: [filter.owner] },
      { Name: 'instance-state-name', Values: [...filter.states] },
      ...(filter.execution
        ? [{ Name: `tag:${PROBE_TAG.execution}`, Values: [filter.execution] }]
        : []),
    ];
    const found: InstanceStatus[] = [];
    const pages = paginateDescribeInstances({ client: this.ec2 }, { Filters: filters });
    await call('ec2:DescribeInstances', async () => {
      for await (const page of pages) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) found.push(toStatus(instance));
        }
      }
    });
    return found;
  }

  async describeInstance(instanceId: string): Promise<InstanceStatus | undefined> {
    try {
      const { Reservations = [] } = await call('ec2:DescribeInstances', () =>
        this.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })),
      );
      const instance = Reservations.flatMap((r) => r.Instances ?? []).find(
        (i) => i.InstanceId === instanceId,
      );
      return instance ? toStatus(instance) : undefined;
    } catch (error) {
      if (errorName(error) === 'InvalidInstanceID.NotFound') return undefined;
      throw error;
    }
  }

  async terminate(instanceIds: readonly string[]): Promise<void> {
    if (instanceIds.length === 0) return;
    try {
      await call('ec2:TerminateInstances', () =>
        this.ec2.send(new TerminateInstancesCommand({ InstanceIds: [...instanceIds] })),
      );
    } catch (error) {
      if (errorName(error) !== 'InvalidInstanceID.NotFound') throw error;
      // Already gone counts as terminated; but one unknown id fails the whole call,
      // so the others are terminated one by one.
      if (instanceIds.length > 1) for (const id of instanceIds) await this.terminate([id]);
    }
  }

  async consoleOutput(instanceId: string): Promise<string | undefined> {
    let output: string | undefined;
    try {
      // Latest: the output as of now, not as of the last state change (Nitro instances only).
      ({ Output: output } = await call('ec2:GetConsoleOutput', () =>
        this.ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId, Latest: true })),
      ));
    } catch (error) {
      if (
        !['UnsupportedOperation', 'InvalidParameterValue', 'InvalidParameter'].includes(
          errorName(error),
        )
      ) {
        throw error;
      }
      ({ Output: output } = await call('ec2:GetConsoleOutput', () =>
        this.ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId })),
      ));
    }
    return output ? Buffer.from(output, 'base64').toString('utf8') : undefined;
  }
}

function toStatus(instance: Instance): InstanceStatus {
  const tags = Object.fromEntries((instance.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  return {
    instanceId: instance.InstanceId ?? '',
    state: instance.State?.Name ?? 'unknown',
    ...(instance.StateReason?.Message ? { stateReason: instance.StateReason.Message } : {}),
    ...(instance.InstanceType ? { instanceType: instance.InstanceType } : {}),
    ...(instance.SubnetId ? { subnetId: instance.SubnetId } : {}),
    ...(instance.LaunchTime ? { launchTime: instance.LaunchTime.toISOString() } : {}),
    tags,
  };
}

/** The EC2 port over its own client (a probe function builds only the ports it uses). */
export const ec2Port: PortFactory<ProbeEc2> = ({ aws }) => new Ec2Probe(new EC2Client(aws));
