/**
 * The AccountReader port, implemented with the AWS SDK adapters. One reader
 * per audit run: it caches instance types and counts the calls it makes, which
 * the sweep logs and the benchmark prints.
 */
import type { BatchClient } from '@aws-sdk/client-batch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { AccountReader } from '../pipeline/ports';
import { describeComputeEnvironment, listComputeEnvironments } from './batch-compute-environments';
import { CallCounter } from './call-counter';
import { describeImages } from './ec2-images';
import { InstanceTypeCatalog } from './ec2-instance-types';
import { describeLaunchTemplateVersions } from './ec2-launch-templates';
import { listRegisteredInstances } from './ecs-cluster-instances';
import { getParameters } from './ssm-parameters';

export interface AccountClients {
  readonly batch: BatchClient;
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
  readonly ecs: ECSClient;
}

export function createAccountReader(
  clients: AccountClients,
  counter: CallCounter = new CallCounter(),
): AccountReader & { readonly calls: CallCounter } {
  for (const client of Object.values(clients)) counter.attach(client);
  const catalog = new InstanceTypeCatalog(clients.ec2);
  return {
    calls: counter,
    describeComputeEnvironment: (nameOrArn) => describeComputeEnvironment(clients.batch, nameOrArn),
    listComputeEnvironments: () => listComputeEnvironments(clients.batch),
    launchTemplateVersions: (refs) => describeLaunchTemplateVersions(clients.ec2, refs),
    parameters: (names) => getParameters(clients.ssm, names),
    registeredInstances: async (clusterArn) =>
      listRegisteredInstances(clients.ecs, clients.ec2, clusterArn),
    instanceTypes: (types) => catalog.describe(types),
    images: (ids) => describeImages(clients.ec2, ids),
  };
}
