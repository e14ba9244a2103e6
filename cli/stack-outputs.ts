/**
 * `--stack <name>`: the probe options from a deployed stack's outputs, so a workstation probes
 * with the stack's cluster, instance profile, owner tag (the stack's janitor then reaps what the
 * CLI could not) and facts cache, without copying four values by hand. Options given on the
 * command line win over the stack's.
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type Output,
} from '@aws-sdk/client-cloudformation';
import { clientConfig } from '../shared/aws/client-config';
import { call, errorName } from '../shared/aws/errors';
import { type AwsCliOptions, awsOptionsOf } from './aws-options';
import { UsageError } from './errors';
import type { ProbeCliOptions } from './probe-options';

/** Each probe option the stack can give, and the output that holds its value (serverless.yml). */
export const STACK_OUTPUT_OF = {
  cluster: 'ProbeClusterName',
  instanceProfile: 'ProbeInstanceProfileArn',
  owner: 'ProbeOwner',
  factsTable: 'ProbeFactsTableName',
} as const satisfies Partial<Record<keyof ProbeCliOptions, string>>;

type StackOption = keyof typeof STACK_OUTPUT_OF;

/** The probe options as given, completed from `--stack` when it is given. */
export function probeOptionsOf<T extends ProbeCliOptions & AwsCliOptions>(options: T): Promise<T> {
  if (!options.stack) return Promise.resolve(options);
  const cfn = new CloudFormationClient(clientConfig(awsOptionsOf(options)));
  return withStackOutputs(options, options.stack, cfn);
}

/**
 * `options` with every probe option it leaves out taken from the stack's outputs.
 *
 * @throws UsageError when the stack does not exist, or is not a batch-ami-auditor stack (an
 *   output is missing).
 * @throws AwsAccessDeniedError naming cloudformation:DescribeStacks.
 */
export async function withStackOutputs<T extends ProbeCliOptions>(
  options: T,
  stackName: string,
  cfn: CloudFormationClient,
): Promise<T> {
  const outputs = await outputsOf(cfn, stackName);
  const missing = Object.values(STACK_OUTPUT_OF).filter((output) => !outputs.has(output));
  if (missing.length > 0) {
    throw new UsageError(
      `--stack ${stackName}: the stack has no output ${missing.join(', ')}: is it a batch-ami-auditor stack?`,
    );
  }
  const fromStack = Object.fromEntries(
    (Object.entries(STACK_OUTPUT_OF) as [StackOption, string][]).map(([option, output]) => [
      option,
      outputs.get(output),
    ]),
  );
  const given = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  return { ...fromStack, ...given } as T;
}

async function outputsOf(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<Map<string, string>> {
  try {
    const { Stacks = [] } = await call('cloudformation:DescribeStacks', () =>
      cfn.send(new DescribeStacksCommand({ StackName: stackName })),
    );
    const outputs: Output[] = Stacks[0]?.Outputs ?? [];
    return new Map(
      outputs.flatMap((o) => (o.OutputKey && o.OutputValue ? [[o.OutputKey, o.OutputValue]] : [])),
    );
  } catch (error) {
    // CloudFormation answers a stack it does not know with a ValidationError.
    if (errorName(error) === 'ValidationError' && /does not exist/.test(String(error))) {
      const region = await cfn.config.region();
      throw new UsageError(`--stack ${stackName}: no such stack in ${region}`, { cause: error });
    }
    throw error;
  }
}
