/**
 * The probe's configuration: read from the environment once, validated with
 * zod, with defaults that suit most accounts. The Lambdas get these variables
 * from serverless.yml (see docs/probe.md); the CLI builds the same object
 * from its options with {@link parseProbeConfig}.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors';

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** One EC2 instance type. */
export const instanceTypeSchema = z
  .string()
  .regex(INSTANCE_TYPE, 'an instance type such as t3.micro');

const instanceTypes = z.array(instanceTypeSchema).min(1);

/** Cluster names go into the probe's user data, so only characters ECS allows (and the shell ignores). */
const clusterName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,255}$/, 'an ECS cluster name (letters, digits, - and _)');

export const probeConfigSchema = z
  .object({
    /** Value of the owner tag (the stack name); IAM lets the auditor touch only instances with it. */
    owner: z.string().regex(/^[A-Za-z0-9_.:/=+@-]{1,128}$/, 'a tag value without spaces'),
    /** The dedicated ECS cluster probes join. */
    cluster: clusterName,
    /** The probe's instance profile (SSM + ECS registration in the probe cluster only). */
    instanceProfileArn: z
      .string()
      .regex(
        /^arn:[^:]+:iam::\d{12}:instance-profile\/.+$/,
        'an instance profile ARN (arn:aws:iam::<account>:instance-profile/<name>)',
      ),
    /** Subnet for every probe; when absent, one of the compute environment's subnets. */
    subnetId: z
      .string()
      .regex(/^subnet-[0-9a-f]+$/, 'a subnet id such as subnet-0123abcd')
      .optional(),
    /** Bucket SSM writes command output to; absent: inline output only (24,000 characters). */
    outputBucket: z.string().min(3).optional(),
    /** Probe instance types per architecture, cheapest first; later ones are capacity fallbacks. */
    instanceTypes: z.object({ x86_64: instanceTypes, arm64: instanceTypes, gpu: instanceTypes }),
    /** Whether a GPU AMI may be probed on a (much dearer) GPU instance. */
    gpuAllowed: z.boolean(),
    /** The dead-man switch: the probe powers itself off (and so terminates) after this. */
    maxLifetimeMinutes: z.number().int().min(20).max(720),
    /** How long to wait for SSM to report the instance online. */
    onlineDeadlineSeconds: z.number().int().min(60).max(3600),
    /** How long the collector may run. */
    commandTimeoutSeconds: z.number().int().min(30).max(1800),
    /** How long after launch the ECS agent has to register the probe. */
    joinDeadlineSeconds: z.number().int().min(60).max(3600),
    /** How long collected facts stay cached (AMIs are immutable). */
    cacheDays: z.number().int().min(1).max(365),
    /** How long a failed probe (never online, command failed) is remembered before re-probing. */
    failureCacheHours: z.number().int().min(0).max(720),
  })
  .refine(
    (c) =>
      c.maxLifetimeMinutes * 60 >
      Math.max(c.onlineDeadlineSeconds, c.joinDeadlineSeconds) + c.commandTimeoutSeconds + 300,
    {
      message:
        'maxLifetimeMinutes must outlast the online deadline plus the command timeout plus 5 minutes, or the dead-man switch would cut probes short',
      path: ['maxLifetimeMinutes'],
    },
  );

export type ProbeConfig = z.infer<typeof probeConfigSchema>;

/** Defaults for everything but the deployment-specific names. */
export const PROBE_CONFIG_DEFAULTS = {
  instanceTypes: {
    // Cheapest current burstable types with enough memory for Docker, the ECS agent and SSM.
    x86_64: ['t3.micro', 't3a.micro', 't2.micro', 'm5.large'],
    arm64: ['t4g.micro', 't4g.small', 'm6g.medium'],
    gpu: ['g4dn.xlarge', 'g5.xlarge', 'g6.xlarge'],
  },
  gpuAllowed: false,
  maxLifetimeMinutes: 60,
  onlineDeadlineSeconds: 600,
  commandTimeoutSeconds: 300,
  joinDeadlineSeconds: 600,
  cacheDays: 30,
  failureCacheHours: 6,
} as const satisfies Partial<ProbeConfig>;

/** Validates a configuration object, filling in defaults; throws InvalidInputError naming every bad field. */
export function parseProbeConfig(input: Record<string, unknown>): ProbeConfig {
  const merged = { ...PROBE_CONFIG_DEFAULTS, ...dropUndefined(input) };
  const result = probeConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new InvalidInputError(`Invalid probe configuration:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Environment variable for each setting (documented in docs/probe.md). */
export const PROBE_ENV = {
  owner: 'PROBE_OWNER',
  cluster: 'PROBE_CLUSTER',
  instanceProfileArn: 'PROBE_INSTANCE_PROFILE_ARN',
  subnetId: 'PROBE_SUBNET_ID',
  outputBucket: 'PROBE_OUTPUT_BUCKET',
  x86_64: 'PROBE_INSTANCE_TYPES_X86_64',
  arm64: 'PROBE_INSTANCE_TYPES_ARM64',
  gpu: 'PROBE_INSTANCE_TYPES_GPU',
  gpuAllowed: 'PROBE_GPU_ALLOWED',
  maxLifetimeMinutes: 'PROBE_MAX_LIFETIME_MINUTES',
  onlineDeadlineSeconds: 'PROBE_ONLINE_DEADLINE_SECONDS',
  commandTimeoutSeconds: 'PROBE_COMMAND_TIMEOUT_SECONDS',
  joinDeadlineSeconds: 'PROBE_JOIN_DEADLINE_SECONDS',
  cacheDays: 'PROBE_CACHE_DAYS',
  failureCacheHours: 'PROBE_FAILURE_CACHE_HOURS',
} as const;

/** Reads the probe configuration from environment variables (empty means unset). */
export function loadProbeConfig(env: Readonly<Record<string, string | undefined>>): ProbeConfig {
  const text = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);
  const list = (name: string) =>
    text(name)
      ?.split(/[\s,]+/)
      .filter(Boolean);
  const int = (name: string) => {
    const value = text(name);
    return value === undefined ? undefined : Number(value);
  };
  const flag = (name: string) => {
    const value = text(name)?.toLowerCase();
    if (value === undefined) return undefined;
    return value === 'true' || value === '1' || value === 'yes'
      ? true
      : value === 'false' || value === '0' || value === 'no'
        ? false
        : value;
  };
  const types = {
    x86_64: list(PROBE_ENV.x86_64) ?? PROBE_CONFIG_DEFAULTS.instanceTypes.x86_64,
    arm64: list(PROBE_ENV.arm64) ?? PROBE_CONFIG_DEFAULTS.instanceTypes.arm64,
    gpu: list(PROBE_ENV.gpu) ?? PROBE_CONFIG_DEFAULTS.instanceTypes.gpu,
  };
  return parseProbeConfig({
    owner: text(PROBE_ENV.owner),
    cluster: text(PROBE_ENV.cluster),
    instanceProfileArn: text(PROBE_ENV.instanceProfileArn),
    subnetId: text(PROBE_ENV.subnetId),
    outputBucket: text(PROBE_ENV.outputBucket),
    instanceTypes: types,
    gpuAllowed: flag(PROBE_ENV.gpuAllowed),
    maxLifetimeMinutes: int(PROBE_ENV.maxLifetimeMinutes),
    onlineDeadlineSeconds: int(PROBE_ENV.onlineDeadlineSeconds),
    commandTimeoutSeconds: int(PROBE_ENV.commandTimeoutSeconds),
    joinDeadlineSeconds: int(PROBE_ENV.joinDeadlineSeconds),
    cacheDays: int(PROBE_ENV.cacheDays),
    failureCacheHours: int(PROBE_ENV.failureCacheHours),
  });
}

function dropUndefined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** The DynamoDB table that caches probe facts (`PROBE_FACTS_TABLE`). */
export function loadFactsTableName(env: Readonly<Record<string, string | undefined>>): string {
  return requireEnv(env, 'PROBE_FACTS_TABLE', /^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name');
}

/** The probe state machine the change and sweep handlers start (`PROBE_STATE_MACHINE_ARN`). */
export function loadProbeStateMachineArn(
  env: Readonly<Record<string, string | undefined>>,
): string {
  return requireEnv(
    env,
    'PROBE_STATE_MACHINE_ARN',
    /^arn:[^:]+:states:[^:]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/,
    'a Step Functions state machine ARN',
  );
}

function requireEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  pattern: RegExp,
  what: string,
): string {
  const value = env[name]?.trim();
  if (!value) throw new InvalidInputError(`${name} is not set: it must name ${what}`);
  if (!pattern.test(value)) throw new InvalidInputError(`${name}="${value}" is not ${what}`);
  return value;
}
