/**
 * The EC2 instances registered in an ECS cluster: how an UNMANAGED compute
 * environment's AMIs are found (Batch chooses no AMI for it; its owner does).
 *
 * IAM: ecs:ListContainerInstances, ecs:DescribeContainerInstances, ec2:DescribeInstances.
 */
import { DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  type ECSClient,
  paginateListContainerInstances,
} from '@aws-sdk/client-ecs';
import { call } from './errors';

export interface RegisteredInstance {
  readonly instanceId: string;
  readonly imageId: string;
  readonly instanceType: string;
}

/** DescribeContainerInstances accepts up to 100 ARNs per call. */
const ARNS_PER_CALL = 100;
/** DescribeInstances filters take up to 200 values. */
const INSTANCES_PER_CALL = 200;

export async function listRegisteredInstances(
  ecs: ECSClient,
  ec2: EC2Client,
  clusterArn: string,
): Promise<RegisteredInstance[]> {
  const containerInstanceArns: string[] = [];
  await call('ecs:ListContainerInstances', async () => {
    for await (const page of paginateListContainerInstances(
      { client: ecs },
      { cluster: clusterArn },
    )) {
      containerInstanceArns.push(...(page.containerInstanceArns ?? []));
    }
  });

  const instanceIds: string[] = [];
  for (let i = 0; i < containerInstanceArns.length; i += ARNS_PER_CALL) {
    const response = await call('ecs:DescribeContainerInstances', () =>
      ecs.send(
        new DescribeContainerInstancesCommand({
          cluster: clusterArn,
          containerInstances: containerInstanceArns.slice(i, i + ARNS_PER_CALL),
        }),
      ),
    );
    for (const instance of response.containerInstances ?? []) {
      if (instance.ec2InstanceId) instanceIds.push(instance.ec2InstanceId);
    }
  }

  const registered: RegisteredInstance[] = [];
  for (let i = 0; i < instanceIds.length; i += INSTANCES_PER_CALL) {
    const response = await call('ec2:DescribeInstances', () =>
      ec2.send(
        new DescribeInstancesCommand({ InstanceIds: instanceIds.slice(i, i + INSTANCES_PER_CALL) }),
      ),
    );
    for (const reservation of response.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        if (instance.InstanceId && instance.ImageId) {
          registered.push({
            instanceId: instance.InstanceId,
            imageId: instance.ImageId,
            instanceType: instance.InstanceType ?? 'unknown',
          });
        }
      }
    }
  }
  return registered;
}
