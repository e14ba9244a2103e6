/** Small builders for probe unit tests. */
import type { ImageFacts } from '../../../shared/core/subject';
import type { ProbeRequest, ProbeTarget } from '../../../shared/pipeline/ports';
import { imageFacts } from '../../support/image-facts-builder';

export const AMI = 'ami-0123456789abcdef0';

export function target(
  options: { gpu?: boolean; name?: string; subnets?: string[] } = {},
): ProbeTarget {
  const name = options.name ?? 'batch-ce';
  return {
    computeEnvironment: {
      name,
      arn: `arn:aws:batch:us-east-1:123456789012:compute-environment/${name}`,
    },
    context: {
      name,
      managed: true,
      resourceType: 'EC2',
      orchestration: 'ECS',
      instanceTypes: options.gpu ? ['g4dn'] : ['optimal'],
      gpu: options.gpu ?? false,
    },
    origin: 'ec2Configuration[ECS_AL2023].imageIdOverride',
    subnets: options.subnets ?? ['subnet-0aaa'],
  };
}

/** The official ECS-optimized AL2023 AMI's image facts, under this module's AMI id. */
export function image(overrides: Partial<ImageFacts> = {}): ImageFacts {
  return imageFacts({ imageId: AMI, ...overrides });
}

export function request(overrides: Partial<ProbeRequest> = {}): ProbeRequest {
  return {
    auditId: 'audit-1',
    amiId: AMI,
    image: image(),
    targets: [target()],
    region: 'us-east-1',
    accountId: '123456789012',
    ...overrides,
  };
}
