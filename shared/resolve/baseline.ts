/**
 * The freshness baseline: what the current ECS-optimized AMI ships, read from the SSM public
 * parameter `/aws/service/ecs/optimized-ami/<os>/…/recommended` (reference §4).
 */
import { z } from 'zod';
import type { Baseline } from '../core/subject';
import { InvalidInputError } from '../errors';
import { describeIssues } from '../events/zod-issues';

const KNOWN_FIELDS = [
  'ecs_agent_version',
  'ecs_runtime_version',
  'image_id',
  'image_name',
] as const;

const text = z.string().min(1);
const valueSchema = z
  .looseObject({
    ecs_agent_version: text.optional(),
    /** `Docker version 25.0.6`. */
    ecs_runtime_version: text.optional(),
    image_id: text.optional(),
    image_name: text.optional(),
  })
  .refine((value) => KNOWN_FIELDS.some((field) => value[field] !== undefined), {
    message: `has none of ${KNOWN_FIELDS.join(', ')}`,
  });

/**
 * Reads an ECS-optimized AMI parameter value into a {@link Baseline}.
 *
 * @param value - the parameter's `Value`: a JSON string (AWS), or an already-parsed object
 *   (moto returns one).
 * @param name - the parameter name, recorded as the baseline's source and named in errors.
 * @throws InvalidInputError naming the parameter (and field) when the value is not such a document.
 * @example
 * parseEcsOptimizedParameter('{"ecs_agent_version":"1.88.0","ecs_runtime_version":"Docker version 25.0.6"}',
 *   '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended')
 * // { source: 'ssm:/aws/…/recommended', ecsAgentVersion: '1.88.0', dockerVersion: '25.0.6' }
 */
export function parseEcsOptimizedParameter(value: string | object, name: string): Baseline {
  const document = typeof value === 'string' ? parseJson(value, name) : value;
  const result = valueSchema.safeParse(document);
  if (!result.success) {
    throw new InvalidInputError(
      `SSM parameter ${name} is not an ECS-optimized AMI description: ${describeIssues(result.error)}`,
      { cause: result.error },
    );
  }
  const parsed = result.data;
  const dockerVersion = parsed.ecs_runtime_version && dockerVersionOf(parsed.ecs_runtime_version);
  return {
    source: `ssm:${name}`,
    ...(parsed.image_id ? { imageId: parsed.image_id } : {}),
    ...(parsed.ecs_agent_version ? { ecsAgentVersion: parsed.ecs_agent_version } : {}),
    ...(dockerVersion ? { dockerVersion } : {}),
    ...(parsed.image_name ? { imageName: parsed.image_name } : {}),
  };
}

function parseJson(value: string, name: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    const start = value.slice(0, 40);
    throw new InvalidInputError(
      `SSM parameter ${name} is not JSON (it starts "${start}"); expected the ECS-optimized AMI document.`,
      { cause: error },
    );
  }
}

/** `Docker version 25.0.6` -> `25.0.6`; a value without a version is kept as it is. */
function dockerVersionOf(runtime: string): string {
  return /\d+\.\d+(?:\.\d+)?(?:[-+.][\w.]+)?/.exec(runtime)?.[0] ?? runtime;
}
