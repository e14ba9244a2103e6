/**
 * The Lambda functions' configuration, read from the environment once and
 * validated: a missing or malformed variable fails the cold start with a
 * message naming it, instead of a confusing error mid-audit.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors';

/** `team, owner` → `['team', 'owner']`. */
const nameList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );

const environmentSchema = z.object({
  AWS_REGION: z.string().min(1),
  ALERT_TOPIC_ARN: z.string().startsWith('arn:'),
  /** The finding state table (change-only alerts). */
  FINDING_STATE_TABLE: z.string().min(1),
  /** Compute environment tag names that route alerts, comma-separated; may be empty. */
  ROUTING_TAGS: nameList,
});

export type LambdaEnvironment = z.infer<typeof environmentSchema>;

/**
 * The Slack notifier's environment: where the webhook URL is kept, an SSM SecureString
 * parameter or a Secrets Manager secret (exactly one), never the URL itself.
 */
const slackEnvironmentSchema = z
  .object({
    AWS_REGION: z.string().min(1),
    SLACK_WEBHOOK_PARAMETER: z.string().default(''),
    SLACK_WEBHOOK_SECRET_ARN: z.string().default(''),
  })
  .refine((env) => Boolean(env.SLACK_WEBHOOK_PARAMETER) !== Boolean(env.SLACK_WEBHOOK_SECRET_ARN), {
    message: 'set exactly one of SLACK_WEBHOOK_PARAMETER and SLACK_WEBHOOK_SECRET_ARN',
  });

export type SlackEnvironment = z.infer<typeof slackEnvironmentSchema>;

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  return parseEnvironment(environmentSchema, env);
}

export function readSlackEnvironment(env: NodeJS.ProcessEnv = process.env): SlackEnvironment {
  return parseEnvironment(slackEnvironmentSchema, env);
}

function parseEnvironment<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
  );
  throw new InvalidInputError(`Invalid function environment: ${problems.join('; ')}`);
}

/** The account id, from the function's own ARN (`arn:aws:lambda:<region>:<account>:function:…`). */
export function accountIdOf(invokedFunctionArn: string): string {
  const account = invokedFunctionArn.split(':')[4];
  if (!account) throw new InvalidInputError(`Not a Lambda function ARN: ${invokedFunctionArn}`);
  return account;
}
