/**
 * Validation of a probe request (the execution input), so a malformed event
 * is rejected with a clear cause before anything is launched.
 */
import { z } from 'zod';
import { InvalidInputError } from '../errors';
import type { ProbeRequest } from '../pipeline/ports';
import { MAX_START_DELAY_SECONDS } from './waves';

const contextSchema = z.looseObject({
  name: z.string().min(1),
  managed: z.boolean(),
  orchestration: z.enum(['ECS', 'EKS']),
  instanceTypes: z.array(z.string()),
  gpu: z.boolean(),
});

const targetSchema = z.object({
  computeEnvironment: z.looseObject({ name: z.string().min(1), arn: z.string().optional() }),
  context: contextSchema,
  origin: z.string(),
  subnets: z.array(z.string().regex(/^subnet-[0-9a-f]+$/)),
  imageType: z.string().min(1).optional(),
});

export const probeRequestSchema = z.object({
  auditId: z.string().min(1).max(128),
  amiId: z.string().regex(/^ami-[0-9a-f]{8,17}$/, 'an AMI id such as ami-0123456789abcdef0'),
  image: z.looseObject({ imageId: z.string(), found: z.boolean() }),
  targets: z.array(targetSchema),
  context: contextSchema.optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  accountId: z.string().regex(/^\d{12}$/),
  startDelaySeconds: z.number().int().min(0).max(MAX_START_DELAY_SECONDS).optional(),
});

export function parseProbeRequest(input: unknown): ProbeRequest {
  const result = probeRequestSchema.safeParse(input);
  if (!result.success) {
    throw new InvalidInputError(`Invalid probe request:\n${z.prettifyError(result.error)}`);
  }
  // The schema checks what the probe relies on; the rest of the shape is the pipeline's contract.
  return result.data as unknown as ProbeRequest;
}
