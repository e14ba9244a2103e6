/**
 * The AWS clients of the audit functions, created once per container (at
 * module scope, without any network call) and reused across invocations.
 */
import { BatchClient } from '@aws-sdk/client-batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AccountClients, createAccountReader } from '../aws/account-reader';
import { clientConfig } from '../aws/client-config';

const config = clientConfig();

export const accountClients: AccountClients = {
  batch: new BatchClient(config),
  ec2: new EC2Client(config),
  ssm: new SSMClient(config),
  ecs: new ECSClient(config),
};
export const sns = new SNSClient(config);
/** The finding state table's client; undefined fields are dropped rather than rejected. */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(config), {
  marshallOptions: { removeUndefinedValues: true },
});

/** A fresh reader per invocation: its call counts and caches belong to one audit. */
export const newAccountReader = () => createAccountReader(accountClients);
