/**
 * The clients of the change-only notifier (SNS and the finding state table), created once per
 * container without any network call. Its own module, like account-clients.ts and
 * probe-wiring.ts, so each function bundles only the SDK clients it calls: the probe's Score
 * function publishes but reads no account.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../aws/client-config';

const config = clientConfig();

export const sns = new SNSClient(config);
/** The finding state table's client; undefined fields are dropped rather than rejected. */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(config), {
  marshallOptions: { removeUndefinedValues: true },
});
