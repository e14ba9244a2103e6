import {
  imageFacts,
  NO_IMAGE_FACTS,
  OFFICIAL_IMAGE,
  servingInstanceTypes,
} from '../../../support/image-facts-builder';
import type { RuleCases } from './types';

const ARM64 = imageFacts({ architecture: 'arm64' });

export const cases: RuleCases = {
  pass: [
    {
      name: 'x86_64 image on x86 types',
      subject: {
        image: OFFICIAL_IMAGE,
        context: servingInstanceTypes(['c5.large', 'm5', 'optimal']),
      },
      message:
        'x86_64 AMI ami-0good matches every instance type it serves (c5.large, m5, optimal).',
    },
    {
      name: 'arm64 image on Graviton types',
      subject: { image: ARM64, context: servingInstanceTypes(['c7g', 'm7g.large', 'a1.xlarge']) },
      message:
        /^arm64 AMI ami-0good matches every instance type it serves \(c7g, m7g\.large, a1\.xlarge\)/,
    },
    {
      name: 'type described by EC2 rather than the table',
      subject: {
        image: ARM64,
        context: servingInstanceTypes(['zz9.large'], {
          instanceTypeInfo: [{ instanceType: 'zz9.large', architectures: ['arm64'], gpu: false }],
        }),
      },
      message: /matches every instance type it serves \(zz9\.large\)/,
      evidence: /^ec2:DescribeInstanceTypes zz9\.large=arm64$/,
    },
  ],
  fail: [
    {
      name: 'arm64 image on x86 types',
      subject: { image: ARM64, context: servingInstanceTypes(['c7g', 'c5.large', 'm5']) },
      message: 'arm64 image ami-0good serves x86_64 instance types c5.large, m5.',
    },
    {
      name: 'x86_64 image on a Graviton type',
      subject: { image: OFFICIAL_IMAGE, context: servingInstanceTypes(['c5', 'g5g.xlarge']) },
      message: 'x86_64 image ami-0good serves arm64 instance types g5g.xlarge.',
    },
    {
      name: 'no instance types, expected architecture differs',
      subject: {
        image: OFFICIAL_IMAGE,
        context: servingInstanceTypes([], { expectedArchitecture: 'arm64' }),
      },
      message: /^x86_64 AMI ami-0good serves arm64 instances/,
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'unknown instance family',
      subject: { image: OFFICIAL_IMAGE, context: servingInstanceTypes(['c5', 'zz9.large']) },
      message:
        'The architecture of instance types zz9.large is unknown, so whether x86_64 AMI ami-0good can run on them is not known.',
      evidence: /zz9\.large=unknown/,
    },
    {
      name: 'no context',
      subject: { image: OFFICIAL_IMAGE },
      message: /^No compute environment context/,
    },
  ],
};
