import { imageFacts, NO_IMAGE_FACTS, OFFICIAL_IMAGE } from '../../../support/image-facts-builder';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'hvm',
      subject: { image: OFFICIAL_IMAGE },
      message: 'AMI ami-0good uses HVM virtualization.',
    },
  ],
  fail: [
    {
      name: 'paravirtual',
      subject: { image: imageFacts({ imageId: 'ami-0pv', virtualizationType: 'paravirtual' }) },
      message: 'AMI ami-0pv uses paravirtual virtualization; Batch requires an HVM AMI.',
      evidence: /^ec2:DescribeImages VirtualizationType=paravirtual$/,
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'no type reported',
      subject: { image: imageFacts({ virtualizationType: undefined }) },
      message: /reported no virtualization type for AMI ami-0good/,
    },
  ],
};
