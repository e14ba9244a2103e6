import { describe, expect, it } from 'vitest';
import type { InstanceTypeInfo } from '../../../shared/core/subject';
import {
  commonArchitecture,
  covers,
  infoFromTable,
  instanceFamilyOf,
  instanceTypeInfo,
  primaryArchitecture,
  servedInstanceTypes,
} from '../../../shared/resolve/instance-types';

describe('infoFromTable', () => {
  it.each([
    ['c7g', 'arm64'],
    ['c7g.large', 'arm64'],
    ['m7g.2xlarge', 'arm64'],
    ['r8g', 'arm64'],
    ['t4g.micro', 'arm64'],
    ['a1.large', 'arm64'],
    ['x2gd', 'arm64'],
    ['im4gn', 'arm64'],
    ['is4gen.xlarge', 'arm64'],
    ['g5g.xlarge', 'arm64'],
    ['g4dn.xlarge', 'x86_64'],
    ['g5', 'x86_64'],
    ['g6.xlarge', 'x86_64'],
    ['c5.large', 'x86_64'],
    ['m7i-flex.large', 'x86_64'],
    ['p6-b200.48xlarge', 'x86_64'],
    ['optimal', 'x86_64'],
    ['default_x86_64', 'x86_64'],
    ['default_arm64', 'arm64'],
    ['C7G.LARGE', 'arm64'],
  ])('%s runs %s images', (type, arch) => {
    expect(primaryArchitecture(infoFromTable(type))).toBe(arch);
  });

  it.each([
    ['p3.2xlarge', true],
    ['p4d', true],
    ['p5.48xlarge', true],
    ['g3s.xlarge', true],
    ['g4ad', true],
    ['g5g', true],
    ['g6e', true],
    ['gr6', true],
    ['c5', false],
    ['inf2', false],
    ['optimal', false],
  ])('%s has a GPU: %s', (type, gpu) => {
    expect(infoFromTable(type).gpu).toBe(gpu);
  });

  it('requires ENA on Nitro types but not on older Xen types', () => {
    expect(infoFromTable('c5.large').enaSupport).toBe('required');
    expect(infoFromTable('c7g').enaSupport).toBe('required');
    expect(infoFromTable('t2.micro').enaSupport).toBe('unsupported');
    expect(infoFromTable('c4.large').enaSupport).toBe('unsupported');
    expect(infoFromTable('r4.large').enaSupport).toBe('supported');
  });

  it('boots Graviton on UEFI only, Nitro x86 on both, Xen and x86 bare metal on legacy BIOS', () => {
    expect(infoFromTable('c7g.large').bootModes).toEqual(['uefi']);
    expect(infoFromTable('m5.large').bootModes).toEqual(['legacy-bios', 'uefi']);
    expect(infoFromTable('t2.micro').bootModes).toEqual(['legacy-bios']);
    expect(infoFromTable('m5.metal').bootModes).toEqual(['legacy-bios']);
    expect(infoFromTable('p4d.24xlarge').bootModes).toEqual(['legacy-bios']);
    expect(infoFromTable('c7g.metal').bootModes).toEqual(['uefi']);
  });

  it('reports a family it does not know as unknown, not as x86_64', () => {
    const info = infoFromTable('zz9.large');
    expect(info).toEqual({
      instanceType: 'zz9.large',
      architectures: [],
      gpu: false,
      source: 'unknown',
    });
    expect(primaryArchitecture(info)).toBeUndefined();
  });
});

describe('instanceTypeInfo', () => {
  const described: InstanceTypeInfo[] = [
    {
      instanceType: 'zz9.large',
      architectures: ['arm64'],
      enaSupport: 'required',
      bootModes: ['uefi'],
      gpu: false,
    },
    {
      instanceType: 'm5.large',
      architectures: ['x86_64'],
      enaSupport: 'required',
      bootModes: ['legacy-bios', 'uefi'],
      gpu: false,
    },
    {
      instanceType: 'm5.metal',
      architectures: ['x86_64'],
      enaSupport: 'required',
      bootModes: ['legacy-bios'],
      gpu: false,
    },
  ];

  it('prefers what EC2 described over the table', () => {
    expect(instanceTypeInfo('zz9.large', described)).toMatchObject({
      architectures: ['arm64'],
      source: 'ec2:DescribeInstanceTypes',
    });
  });

  it('combines the described sizes of a family conservatively', () => {
    expect(instanceTypeInfo('m5', described)).toEqual({
      instanceType: 'm5',
      architectures: ['x86_64'],
      enaSupport: 'required',
      bootModes: ['legacy-bios'],
      gpu: false,
      source: 'ec2:DescribeInstanceTypes',
    });
  });

  it('falls back to the table when EC2 described nothing for the type', () => {
    expect(instanceTypeInfo('c7g.large', described)).toMatchObject({ source: 'table' });
  });
});

describe('helpers', () => {
  it('names the family of a size, a family and a hyphenated family', () => {
    expect(instanceFamilyOf('c7g.large')).toBe('c7g');
    expect(instanceFamilyOf('c7g')).toBe('c7g');
    expect(instanceFamilyOf('u-6tb1.metal')).toBe('u-6tb1');
  });

  it('treats a family as covering its sizes, but not a size as covering its family', () => {
    expect(covers('m5', 'm5.large')).toBe(true);
    expect(covers('m5.large', 'm5.large')).toBe(true);
    expect(covers('m5.2xlarge', 'm5')).toBe(false);
    expect(covers('m5', 'm5d.large')).toBe(false);
  });

  it('finds a common architecture only when every type agrees and is known', () => {
    expect(commonArchitecture([infoFromTable('c7g'), infoFromTable('m7g.large')])).toBe('arm64');
    expect(commonArchitecture([infoFromTable('c7g'), infoFromTable('c5')])).toBeUndefined();
    expect(commonArchitecture([infoFromTable('c5'), infoFromTable('zz9')])).toBeUndefined();
  });

  it('gives the served types of a context, using its own details first', () => {
    const served = servedInstanceTypes({
      name: 'ce',
      managed: true,
      orchestration: 'ECS',
      gpu: false,
      instanceTypes: ['c5.large', 'zz9.large'],
      instanceTypeInfo: [{ instanceType: 'zz9.large', architectures: ['arm64'], gpu: false }],
    });
    expect(served.map(primaryArchitecture)).toEqual(['x86_64', 'arm64']);
  });
});
