import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors';
import { parseComputeEnvironment } from '../../../shared/resolve/compute-environment';

describe('parseComputeEnvironment', () => {
  it('accepts a DescribeComputeEnvironments entry and keeps fields it does not read', () => {
    const ce = parseComputeEnvironment({
      computeEnvironmentName: 'ce',
      type: 'MANAGED',
      uuid: 'a-b-c',
      computeResources: { type: 'EC2', maxvCpus: 16, instanceTypes: ['c5'] },
    });
    expect(ce.computeResources?.instanceTypes).toEqual(['c5']);
    expect(ce.uuid).toBe('a-b-c');
  });

  it('names the field that is wrong', () => {
    const parse = () =>
      parseComputeEnvironment({
        computeEnvironmentName: 'ce',
        type: 'MANAGED',
        computeResources: { type: 'EC2', ec2Configuration: [{ imageIdOverride: 'ami-1' }] },
      });
    expect(parse).toThrow(InvalidInputError);
    expect(parse).toThrow('computeResources.ec2Configuration.0.imageType: expected string');
  });
});
