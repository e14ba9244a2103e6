import {
  imageFacts,
  NO_IMAGE_FACTS,
  OFFICIAL_IMAGE,
  servingInstanceTypes,
} from '../../../support/image-facts-builder';
import type { RuleCases } from './types';

const UEFI = imageFacts({ bootMode: 'uefi' });

export const cases: RuleCases = {
  pass: [
    {
      name: 'no boot mode set',
      subject: {
        image: imageFacts({ bootMode: undefined }),
        context: servingInstanceTypes(['t2.micro']),
      },
      message:
        'AMI ami-0good sets no boot mode, so each instance type boots it in its default mode.',
    },
    {
      name: 'uefi-preferred',
      subject: { image: OFFICIAL_IMAGE, context: servingInstanceTypes(['t2.micro']) },
      message: /is uefi-preferred: it boots UEFI where the instance type supports it/,
    },
    {
      name: 'uefi on Graviton and Nitro x86',
      subject: { image: UEFI, context: servingInstanceTypes(['c7g', 'm5.large']) },
      message: 'Every instance type AMI ami-0good serves (c7g, m5.large) supports uefi.',
    },
  ],
  fail: [
    {
      name: 'uefi on Xen and x86 bare metal',
      subject: { image: UEFI, context: servingInstanceTypes(['m5.large', 't2.micro', 'm5.metal']) },
      message:
        'AMI ami-0good boots uefi only, which instance types t2.micro, m5.metal do not support.',
      evidence: /t2\.micro=legacy-bios, m5\.metal=legacy-bios/,
    },
    {
      name: 'legacy-bios on Graviton',
      subject: {
        image: imageFacts({ architecture: 'arm64', bootMode: 'legacy-bios' }),
        context: servingInstanceTypes(['c7g']),
      },
      message: 'AMI ami-0good boots legacy-bios only, which instance types c7g do not support.',
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'uefi on an unknown family',
      subject: { image: UEFI, context: servingInstanceTypes(['zz9.large']) },
      message: /whether instance types zz9\.large support it is unknown/,
    },
  ],
};
