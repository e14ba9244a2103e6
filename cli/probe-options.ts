/**
 * The probe's options, shared by `ami` (which always probes) and by `ce` and `sweep` (with
 * `--probe`): where probes join, launch and are tagged, and the probe configuration they make.
 * The values are the deployed stack's outputs (`ProbeClusterName`, `ProbeInstanceProfileArn`,
 * `ProbeOwner`, `ProbeFactsTableName`), so the stack's janitor can reap a probe the CLI could not;
 * `--stack` reads them itself (cli/stack-outputs.ts).
 */
import { type Command, Option } from 'commander';
import type { ZodType } from 'zod';
import type { InstanceTypeInfo } from '../shared/core/subject';
import { InvalidInputError } from '../shared/errors';
import {
  instanceTypeSchema,
  type ProbeConfig,
  parseProbeConfig,
  probeConfigSchema,
} from '../shared/probe/config';
import { UsageError } from './errors';

export interface ProbeCliOptions {
  readonly cluster?: string;
  readonly instanceProfile?: string;
  readonly subnet?: string;
  /** Repeatable; empty when not given. */
  readonly instanceType: readonly string[];
  /** {@link CLI_PROBE_OWNER} when neither given nor taken from a stack. */
  readonly owner?: string;
  readonly factsTable?: string;
  readonly keepOnFailure?: boolean;
  /** A deployed stack whose outputs give the options not given here. */
  readonly stack?: string;
}

/** The owner tag of probes started without a stack's owner (`--owner`). */
export const CLI_PROBE_OWNER = 'batch-ami-audit-cli';

const collect = (value: string, previous: readonly string[]) => [...previous, value];

/** Adds the probe options to `command`; which are required is checked by {@link probeConfigFrom}. */
export function withProbeOptions(command: Command): Command {
  return command
    .option(
      '--stack <name>',
      'take --cluster, --instance-profile, --owner and --facts-table from this deployed stack (options given win)',
    )
    .option('--cluster <name>', 'ECS cluster probes join (the stack output ProbeClusterName)')
    .option(
      '--instance-profile <arn>',
      'instance profile of probes (the stack output ProbeInstanceProfileArn)',
    )
    .option('--subnet <subnet-id>', 'launch probes in this subnet; it needs a path to SSM')
    .addOption(
      new Option(
        '--instance-type <type>',
        'probe on this instance type; repeat for capacity fallbacks, cheapest first',
      )
        .argParser(collect)
        .default([], "the probe's defaults for the AMI's architecture, t3.micro first"),
    )
    .option(
      '--owner <value>',
      `owner tag of probe instances (the stack output ProbeOwner lets its janitor reap them; default: ${CLI_PROBE_OWNER})`,
    )
    .option(
      '--facts-table <name>',
      'reuse and cache probe facts in this DynamoDB table (the stack output ProbeFactsTableName)',
    )
    .option(
      '--keep-on-failure',
      'leave a probe that could not be audited running, for debugging (it powers itself off)',
    );
}

/** The options that name a configuration field, as the user typed them. */
const OPTION_OF = {
  cluster: '--cluster',
  instanceProfileArn: '--instance-profile',
  subnetId: '--subnet',
  owner: '--owner',
} as const;

/**
 * The probe configuration the options describe. `--instance-type`, when given, replaces the
 * default types of every architecture; GPU types among them allow a GPU probe.
 *
 * @throws UsageError naming the option that is missing (`requireSubnet`: `ami` has no compute
 *   environment whose subnets it could use) or malformed.
 */
export function probeConfigFrom(
  options: ProbeCliOptions,
  requireSubnet: boolean,
  instanceTypeInfo: readonly InstanceTypeInfo[] = [],
): ProbeConfig {
  const missing = [
    options.cluster ? undefined : '--cluster',
    options.instanceProfile ? undefined : '--instance-profile',
    requireSubnet && !options.subnet ? '--subnet' : undefined,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} needed to probe (or --stack <name> of the deployed auditor)`,
    );
  }
  const fields = {
    cluster: options.cluster,
    instanceProfileArn: options.instanceProfile,
    subnetId: options.subnet,
    owner: options.owner ?? CLI_PROBE_OWNER,
  };
  for (const [field, option] of Object.entries(OPTION_OF) as [keyof typeof OPTION_OF, string][]) {
    const value = fields[field];
    if (value !== undefined) check(option, value, probeConfigSchema.shape[field]);
  }
  for (const type of options.instanceType) check('--instance-type', type, instanceTypeSchema);
  const types = options.instanceType;
  const gpuTypes = instanceTypeInfo.filter((i) => i.gpu && types.includes(i.instanceType));
  try {
    return parseProbeConfig({
      ...fields,
      ...(types.length > 0
        ? {
            instanceTypes: {
              x86_64: types,
              arm64: types,
              gpu: gpuTypes.length > 0 ? gpuTypes.map((i) => i.instanceType) : types,
            },
            gpuAllowed: gpuTypes.length > 0,
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** @throws UsageError `<option> <value>: not <what the schema wants>`. */
function check(option: string, value: string, schema: ZodType): void {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new UsageError(`${option} ${value}: not ${result.error.issues[0]?.message ?? 'valid'}`);
  }
}
