/**
 * The AWS clients of the audit functions, created once per container (at
 * module scope, without any network call) and reused across invocations.
 */
import { BatchClient } from '@aws-sdk/client-batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AccountClients, createAccountReader } from '../aws/account-reader';
import { clientConfig } from '../aws/client-config';
import { DynamoDbFactsCache } from '../aws/probe/facts-cache';
import { StepFunctionsProbeLauncher } from '../aws/probe/launcher';
import { COLLECTOR_VERSION } from '../collector/script';
import type { AuditDeps } from '../pipeline/audit-compute-environments';
import {
  loadFactsTableName,
  loadProbeStateMachineArn,
  PROBE_CONFIG_DEFAULTS,
} from '../probe/config';

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

/** What the pipeline needs to hand AMIs to the probe (see {@link probeWiring}). */
export type ProbeWiring = Pick<AuditDeps, 'probeLauncher' | 'factsCache'>;

/**
 * The probe's side of the audit pipeline: a launcher that starts one probe execution per AMI
 * and the facts cache earlier probes filled, when the stack configures the probe state machine
 * (`PROBE_STATE_MACHINE_ARN`, with `PROBE_FACTS_TABLE`). Without it, nothing: AMIs that pass
 * the image rules are then reported on their image facts alone.
 *
 * @throws InvalidInputError naming the variable, when one is set but malformed or the other missing.
 */
export function probeWiring(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ProbeWiring {
  if (!env.PROBE_STATE_MACHINE_ARN?.trim()) return {};
  const stateMachineArn = loadProbeStateMachineArn(env);
  const factsCache = new DynamoDbFactsCache(
    DynamoDBDocumentClient.from(new DynamoDBClient(config)),
    {
      tableName: loadFactsTableName(env),
      collectorVersion: COLLECTOR_VERSION,
      // The audit functions only read the cache (expiry is stored with each record); the lifetimes
      // matter to its writer, the probe's Score task.
      lifetime: PROBE_CONFIG_DEFAULTS,
    },
  );
  return {
    probeLauncher: new StepFunctionsProbeLauncher(
      new SFNClient(config),
      stateMachineArn,
      COLLECTOR_VERSION,
    ),
    factsCache,
  };
}
