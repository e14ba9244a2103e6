import { imageFacts, NO_IMAGE_FACTS, OFFICIAL_IMAGE } from '../../../support/image-facts-builder';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'ECS-optimized size',
      subject: { image: OFFICIAL_IMAGE },
      message: 'AMI ami-0good has a 30 GiB root volume.',
    },
    {
      name: 'small root volume: reported, not failed',
      subject: { image: imageFacts({ rootVolumeSizeGiB: 8 }) },
      message:
        'AMI ami-0good has a 8 GiB root volume, smaller than the 30 GiB the ECS-optimized AMI ships; container images and job data share it.',
      evidence: /root volume 8 GiB$/,
    },
  ],
  fail: [
    {
      name: 'instance store-backed',
      subject: {
        image: imageFacts({ rootDeviceType: 'instance-store', rootVolumeSizeGiB: undefined }),
      },
      message:
        'AMI ami-0good is instance store-backed: its root volume cannot be sized, and only C1, C3, D2, I2, M1, M2, M3, R3 and X1 instances can launch it.',
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'size unknown',
      subject: { image: imageFacts({ rootVolumeSizeGiB: undefined }) },
      message: /root volume size of AMI ami-0good is unknown/,
    },
  ],
};
