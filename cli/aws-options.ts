/**
 * The AWS options of the commands that read an account (`ce`, `sweep`, `ami`): region, profile and an
 * endpoint override, so the same commands run against AWS or a local emulator (moto_server).
 * Credentials come from the SDK's default chain (environment, profile, SSO, instance role).
 */
import { BatchClient } from '@aws-sdk/client-batch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { fromIni } from '@aws-sdk/credential-providers';
import type { Command } from 'commander';
import { type AccountClients, createAccountReader } from '../shared/aws/account-reader';
import { type AwsOptions, clientConfig } from '../shared/aws/client-config';

export interface AwsCliOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

export function withAwsOptions(command: Command): Command {
  return command
    .option('--region <region>', 'AWS region (default: AWS_REGION, then the profile)')
    .option('--profile <name>', 'named profile from ~/.aws/config (default: the SDK chain)')
    .option(
      '--endpoint-url <url>',
      'send every AWS call to this endpoint, e.g. a local emulator (http://127.0.0.1:5000)',
    );
}

/** The SDK settings for the options: every client of one command is configured alike. */
export function awsOptionsOf(options: AwsCliOptions): AwsOptions {
  return {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { credentials: fromIni({ profile: options.profile }) } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: 4,
  };
}

/** The account reader for the options, and the region it reads. */
export async function accountFor(options: AwsCliOptions) {
  const config = clientConfig(awsOptionsOf(options));
  const clients: AccountClients = {
    batch: new BatchClient(config),
    ec2: new EC2Client(config),
    ssm: new SSMClient(config),
    ecs: new ECSClient(config),
  };
  const region = await clients.batch.config.region();
  return { reader: createAccountReader(clients), region };
}

/** The account id in an ARN (`arn:aws:batch:<region>:<account>:…`, `arn:aws:iam::<account>:…`), or `unknown`. */
export function accountIdFromArn(arn: string | undefined): string {
  return arn?.split(':')[4] || 'unknown';
}
