/**
 * The clients that read the account (Batch, EC2, SSM, ECS) for the change and sweep functions,
 * created once per container (at module scope, without any network call) and reused across
 * invocations.
 */
import { BatchClient } from '@aws-sdk/client-batch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { type AccountClients, createAccountReader } from '../aws/account-reader';
import { clientConfig } from '../aws/client-config';

const config = clientConfig();

export const accountClients: AccountClients = {
  batch: new BatchClient(config),
  ec2: new EC2Client(config),
  ssm: new SSMClient(config),
  ecs: new ECSClient(config),
};

/** A fresh reader per invocation: its call counts and caches belong to one audit. */
export const newAccountReader = () => createAccountReader(accountClients);
