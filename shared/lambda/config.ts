/**
 * The Lambda functions' configuration, read from the environment once and
 * validated: a missing or malformed variable fails the cold start with a
 * message naming it, instead of a confusing error mid-audit.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors';

const environmentSchema = z.object({
  AWS_REGION: z.string().min(1),
  ALERT_TOPIC_ARN: z.string().startsWith('arn:'),
});

export type LambdaEnvironment = z.infer<typeof environmentSchema>;

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  const result = environmentSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new InvalidInputError(`Invalid function environment: ${problems.join('; ')}`);
}

/** The account id, from the function's own ARN (`arn:aws:lambda:<region>:<account>:function:…`). */
export function accountIdOf(invokedFunctionArn: string): string {
  const account = invokedFunctionArn.split(':')[4];
  if (!account) throw new InvalidInputError(`Not a Lambda function ARN: ${invokedFunctionArn}`);
  return account;
}
