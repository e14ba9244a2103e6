import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors';
import { parseEcsOptimizedParameter } from '../../../shared/resolve/baseline';

const NAME = '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended';
const VALUE = {
  ecs_agent_version: '1.88.0',
  ecs_runtime_version: 'Docker version 25.0.6',
  image_id: 'ami-0281c9a5cd9de63bd',
  image_name: 'al2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64',
  image_version: '2023.0.20241115',
  os: 'Amazon Linux 2023',
  schema_version: 1,
  source_image_name: 'al2023-ami-minimal-2023.6.20241111.0-kernel-6.1-x86_64',
};
const EXPECTED = {
  source: `ssm:${NAME}`,
  imageId: 'ami-0281c9a5cd9de63bd',
  ecsAgentVersion: '1.88.0',
  dockerVersion: '25.0.6',
  imageName: 'al2023-ami-ecs-hvm-2023.0.20241115-kernel-6.1-x86_64',
};

describe('parseEcsOptimizedParameter', () => {
  it('reads the JSON string AWS returns', () => {
    expect(parseEcsOptimizedParameter(JSON.stringify(VALUE), NAME)).toEqual(EXPECTED);
  });

  it('reads the object moto returns', () => {
    expect(parseEcsOptimizedParameter(VALUE, NAME)).toEqual(EXPECTED);
  });

  it('keeps a runtime version it cannot read as it is', () => {
    const baseline = parseEcsOptimizedParameter({ ecs_runtime_version: 'containerd' }, NAME);
    expect(baseline.dockerVersion).toBe('containerd');
  });

  it.each([
    [
      'a value that is not JSON',
      'ami-0281c9a5cd9de63bd',
      'is not JSON (it starts "ami-0281c9a5cd9de63bd")',
    ],
    ['a JSON array', '[1,2]', 'expected object, received array'],
    [
      'a document without any known field',
      { os: 'Amazon Linux 2023' },
      'has none of ecs_agent_version',
    ],
    [
      'a field of the wrong type',
      { ecs_agent_version: 1.88 },
      'ecs_agent_version: expected string',
    ],
  ])('rejects %s, naming the parameter', (_case, value, detail) => {
    const parse = () => parseEcsOptimizedParameter(value, NAME);
    expect(parse).toThrow(InvalidInputError);
    expect(parse).toThrow(`SSM parameter ${NAME}`);
    expect(parse).toThrow(detail);
  });
});
