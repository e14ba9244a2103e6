/**
 * Builds the probe's dependencies over real SDK clients: one client per
 * service, configured by clientConfig (adaptive retries handle throttling).
 * The Lambdas and the CLI both build their deps here.
 *
 * IAM: none of its own; each adapter lists the actions it calls.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { COLLECTOR_SCRIPT, COLLECTOR_VERSION } from '../../collector/script';
import type { Notifier } from '../../pipeline/ports';
import type { ProbeConfig } from '../../probe/config';
import { NO_FACTS_CACHE } from '../../probe/no-facts-cache';
import type { ProbeDeps, ProbeLog } from '../../probe/ports';
import { type AwsOptions, clientConfig } from '../client-config';
import { getParameters } from '../ssm-parameters';
import { Ec2Probe } from './ec2';
import { EcsProbe } from './ecs';
import { DynamoDbFactsCache } from './facts-cache';
import { S3OutputStore } from './s3-output';
import { SsmProbe } from './ssm';

export interface ProbeDepsOptions {
  readonly config: ProbeConfig;
  readonly aws?: AwsOptions;
  /** The facts cache table; without one, nothing is cached (CLI runs without the stack). */
  readonly factsTable?: string;
  /** Only the Score task publishes. */
  readonly notifier?: Notifier;
  readonly log: ProbeLog;
}

export function createProbeDeps(options: ProbeDepsOptions): ProbeDeps {
  const config = clientConfig(options.aws);
  const ssm = new SSMClient(config);
  const now = () => new Date();
  return {
    config: options.config,
    ec2: new Ec2Probe(new EC2Client(config)),
    ssm: new SsmProbe(ssm),
    outputStore: new S3OutputStore(new S3Client(config)),
    ecs: new EcsProbe(new ECSClient(config)),
    cache: options.factsTable
      ? new DynamoDbFactsCache(DynamoDBDocumentClient.from(new DynamoDBClient(config)), {
          tableName: options.factsTable,
          collectorVersion: COLLECTOR_VERSION,
          lifetime: options.config,
          now,
        })
      : NO_FACTS_CACHE,
    notifier: options.notifier ?? NOT_PUBLISHING,
    publicParameters: { parameters: (names) => getParameters(ssm, names) },
    collector: { script: COLLECTOR_SCRIPT, version: COLLECTOR_VERSION },
    now,
    log: options.log,
  };
}

/** Tasks other than Score never publish; if one tried, that would be a wiring bug worth failing loudly. */
const NOT_PUBLISHING: Notifier = {
  publish: async () => {
    throw new Error('This probe task has no notifier: only the Score task publishes verdicts');
  },
};
