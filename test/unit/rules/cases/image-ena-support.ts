import {
  imageFacts,
  NO_IMAGE_FACTS,
  OFFICIAL_IMAGE,
  servingInstanceTypes,
} from '../../../support/image-facts-builder';
import type { RuleCases } from './types';

const NO_ENA = imageFacts({ enaSupport: false });

export const cases: RuleCases = {
  pass: [
    {
      name: 'ENA enabled',
      subject: { image: OFFICIAL_IMAGE, context: servingInstanceTypes(['c5']) },
      message: 'AMI ami-0good has ENA enabled.',
    },
    {
      name: 'no ENA, but only Xen types without ENA',
      subject: { image: NO_ENA, context: servingInstanceTypes(['t2.micro', 'c4']) },
      message: 'None of the instance types AMI ami-0good serves (t2.micro, c4) require ENA.',
    },
  ],
  fail: [
    {
      name: 'no ENA on Nitro types',
      subject: { image: NO_ENA, context: servingInstanceTypes(['t2.micro', 'c5.large', 'm7g']) },
      message:
        'AMI ami-0good does not enable ENA, which instance types c5.large, m7g require; EC2 will not launch them from it.',
      evidence: /c5\.large=required, m7g=required/,
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'ENA support unknown on Nitro types',
      subject: {
        image: imageFacts({ enaSupport: undefined }),
        context: servingInstanceTypes(['c5']),
      },
      message: /^Whether AMI ami-0good enables ENA is unknown, and instance types c5 require it/,
    },
    {
      name: 'no ENA and an unknown family',
      subject: { image: NO_ENA, context: servingInstanceTypes(['zz9.large']) },
      message: /whether instance types zz9\.large require it is unknown/,
    },
  ],
};
