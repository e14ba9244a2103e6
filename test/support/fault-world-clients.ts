/**
 * The SDK clients of a FaultWorld: one set for the audit functions (change handler, sweep) and
 * one for the probe's tasks, each built with the project's client configuration
 * (shared/aws/client-config.ts: adaptive retries, its attempt budget) and carrying the world's
 * FaultInjector. A fresh set stands for fresh Lambda containers: no adaptive rate-limiter memory
 * of an earlier fault.
 */
import { BatchClient } from '@aws-sdk/client-batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  EC2Client,
  type RunInstancesCommandInput,
  type RunInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../../shared/aws/client-config';
import type { FaultInjector } from './fault-injection';

export interface FaultClients {
  readonly handler: {
    readonly batch: BatchClient;
    readonly ec2: EC2Client;
    readonly ssm: SSMClient;
    readonly ecs: ECSClient;
    readonly sns: SNSClient;
    /** The finding state table's client (undefined fields dropped, as shared/lambda/clients.ts). */
    readonly dynamo: DynamoDBDocumentClient;
    readonly factsDoc: DynamoDBDocumentClient;
    readonly sfn: SFNClient;
  };
  readonly probe: {
    readonly ec2: EC2Client;
    readonly ecs: ECSClient;
    readonly ssm: SSMClient;
    readonly s3: S3Client;
    readonly sns: SNSClient;
    readonly dynamo: DynamoDBDocumentClient;
    readonly factsDoc: DynamoDBDocumentClient;
  };
}

export interface FaultClientOptions {
  /** moto_server. */
  readonly endpoint: string;
  /** Where the probe's SSM calls go: the probe world's scripted Run Command in front of moto. */
  readonly ssmEndpoint: string;
  readonly injector: FaultInjector;
  /** The probe world's scenario behaviour (capacity errors, launch times, agents) on a probe client. */
  readonly observe: (client: { middlewareStack: unknown }, service: string) => void;
  /** Called after each RunInstances of a probe task succeeded. */
  readonly onLaunch: (
    input: RunInstancesCommandInput,
    output: RunInstancesCommandOutput,
  ) => Promise<void>;
}

export function createFaultClients(options: FaultClientOptions): FaultClients {
  const config = {
    ...clientConfig({ region: 'us-east-1', endpoint: options.endpoint }),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const instrumented = <C extends { middlewareStack: unknown }>(client: C, service?: string) => {
    if (service) options.observe(client, service);
    options.injector.attach(client);
    return client;
  };
  const doc = (removeUndefinedValues: boolean) =>
    DynamoDBDocumentClient.from(instrumented(new DynamoDBClient(config)), {
      marshallOptions: { removeUndefinedValues },
    });
  const probeEc2 = instrumented(new EC2Client(config), 'ec2');
  probeEc2.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'RunInstancesCommand') {
        await options.onLaunch(
          args.input as RunInstancesCommandInput,
          result.output as RunInstancesCommandOutput,
        );
      }
      return result;
    },
    { step: 'initialize', name: 'faultWorldLaunches' },
  );
  return {
    handler: {
      batch: instrumented(new BatchClient(config)),
      ec2: instrumented(new EC2Client(config)),
      ssm: instrumented(new SSMClient(config)),
      ecs: instrumented(new ECSClient(config)),
      sns: instrumented(new SNSClient(config)),
      dynamo: doc(true),
      factsDoc: doc(false),
      sfn: instrumented(new SFNClient(config)),
    },
    probe: {
      ec2: probeEc2,
      ecs: instrumented(new ECSClient(config), 'ecs'),
      ssm: instrumented(new SSMClient({ ...config, endpoint: options.ssmEndpoint })),
      s3: instrumented(new S3Client({ ...config, forcePathStyle: true })),
      sns: instrumented(new SNSClient(config)),
      dynamo: doc(true),
      factsDoc: doc(false),
    },
  };
}
