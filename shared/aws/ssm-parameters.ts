/**
 * GetParameters for the SSM public parameters that name the Batch default
 * AMIs and the latest ECS-optimized versions.
 *
 * IAM: ssm:GetParameters on arn:aws:ssm:<region>::parameter/aws/service/ecs/*.
 */
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { call } from './errors';

/** GetParameters accepts up to 10 names per call. */
const NAMES_PER_CALL = 10;

/**
 * The values of the parameters that exist; names that do not exist are absent.
 * Values are `unknown`: AWS returns JSON documents as strings, while emulators
 * may return them already parsed, and callers accept both.
 */
export async function getParameters(
  ssm: SSMClient,
  names: readonly string[],
): Promise<Map<string, unknown>> {
  const unique = [...new Set(names)];
  const values = new Map<string, unknown>();
  for (let i = 0; i < unique.length; i += NAMES_PER_CALL) {
    const response = await call('ssm:GetParameters', () =>
      ssm.send(new GetParametersCommand({ Names: unique.slice(i, i + NAMES_PER_CALL) })),
    );
    for (const parameter of response.Parameters ?? []) {
      if (parameter.Name !== undefined) values.set(parameter.Name, unwrapString(parameter.Value));
    }
  }
  return values;
}

/** A plain string parameter (e.g. `…/image_id`) can come back JSON-quoted from emulators. */
function unwrapString(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
