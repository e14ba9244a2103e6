/**
 * The join test's ECS adapter: find the probe in the probe cluster, read what
 * it advertises, deregister it.
 *
 * IAM: ecs:ListContainerInstances and ecs:DeregisterContainerInstance on the
 * probe cluster; ecs:DescribeContainerInstances on the probe cluster's
 * container instances (condition ecs:cluster).
 */
import {
  type ContainerInstance,
  DeregisterContainerInstanceCommand,
  DescribeContainerInstancesCommand,
  ECSClient,
  paginateListContainerInstances,
} from '@aws-sdk/client-ecs';
import type { ContainerInstanceSummary } from '../../probe/join-facts';
import type { ProbeEcs } from '../../probe/ports';
import { call, errorName } from '../errors';
import type { PortFactory } from './port-context';

/** DescribeContainerInstances accepts up to 100 container instances per call. */
const PER_DESCRIBE = 100;

export class EcsProbe implements ProbeEcs {
  private readonly ecs: ECSClient;

  constructor(ecs: ECSClient) {
    this.ecs = ecs;
  }

  async findContainerInstance(
    cluster: string,
    ec2InstanceId: string,
  ): Promise<ContainerInstanceSummary | undefined> {
    const arns = await this.list(cluster, `ec2InstanceId == ${ec2InstanceId}`);
    const described = await this.describe(cluster, arns);
    // Matched again here: the filter is an optimisation, the id is the truth.
    return described.find((instance) => instance.ec2InstanceId === ec2InstanceId);
  }

  async listContainerInstances(cluster: string): Promise<ContainerInstanceSummary[]> {
    return this.describe(cluster, await this.list(cluster));
  }

  async deregister(cluster: string, containerInstanceArn: string): Promise<void> {
    try {
      await call('ecs:DeregisterContainerInstance', () =>
        this.ecs.send(
          new DeregisterContainerInstanceCommand({
            cluster,
            containerInstance: containerInstanceArn,
            // The probe runs no tasks; force so a stale registration never blocks cleanup.
            force: true,
          }),
        ),
      );
    } catch (error) {
      const gone =
        ['InvalidParameterException', 'ClientException'].includes(errorName(error)) &&
        /not found|inactive|does not exist/i.test(error instanceof Error ? error.message : '');
      if (!gone) throw error;
    }
  }

  private async list(cluster: string, filter?: string): Promise<string[]> {
    const arns: string[] = [];
    const pages = paginateListContainerInstances(
      { client: this.ecs },
      { cluster, ...(filter ? { filter } : {}) },
    );
    await call('ecs:ListContainerInstances', async () => {
      for await (const page of pages) arns.push(...(page.containerInstanceArns ?? []));
    });
    return arns;
  }

  private async describe(
    cluster: string,
    arns: readonly string[],
  ): Promise<ContainerInstanceSummary[]> {
    const summaries: ContainerInstanceSummary[] = [];
    for (let i = 0; i < arns.length; i += PER_DESCRIBE) {
      const { containerInstances = [] } = await call('ecs:DescribeContainerInstances', () =>
        this.ecs.send(
          new DescribeContainerInstancesCommand({
            cluster,
            containerInstances: arns.slice(i, i + PER_DESCRIBE),
          }),
        ),
      );
      summaries.push(...containerInstances.map(toSummary));
    }
    return summaries;
  }
}

function toSummary(instance: ContainerInstance): ContainerInstanceSummary {
  const gpu = instance.registeredResources?.find((r) => r.name === 'GPU');
  return {
    containerInstanceArn: instance.containerInstanceArn ?? '',
    ec2InstanceId: instance.ec2InstanceId ?? '',
    attributes: (instance.attributes ?? []).map((a) => a.name ?? '').filter(Boolean),
    ...(instance.versionInfo?.agentVersion
      ? { agentVersion: instance.versionInfo.agentVersion }
      : {}),
    ...(instance.versionInfo?.dockerVersion
      ? { dockerVersion: instance.versionInfo.dockerVersion }
      : {}),
    gpuIds: gpu?.stringSetValue ?? [],
    ...(instance.registeredAt ? { registeredAt: instance.registeredAt.toISOString() } : {}),
    ...(instance.agentConnected === undefined ? {} : { agentConnected: instance.agentConnected }),
  };
}

/** The ECS port over its own client (a probe function builds only the ports it uses). */
export const ecsPort: PortFactory<ProbeEcs> = ({ aws }) => new EcsProbe(new ECSClient(aws));
