import {
  imageFacts,
  MISSING_IMAGE,
  NO_IMAGE_FACTS,
  OFFICIAL_IMAGE,
} from '../../../support/image-facts-builder';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'available',
      subject: { image: OFFICIAL_IMAGE },
      message: 'AMI ami-0good is available.',
      evidence: /^ec2:DescribeImages State=available$/,
    },
  ],
  fail: [
    {
      name: 'not found',
      subject: { image: MISSING_IMAGE },
      message:
        'AMI ami-0gone could not be found (InvalidAMIID.NotFound): it was deregistered, is not shared with this account, or is in another Region, so Batch cannot launch instances from it.',
      evidence: /^ec2:DescribeImages ami-0gone: InvalidAMIID\.NotFound$/,
    },
    {
      name: 'deregistered',
      subject: { image: imageFacts({ state: 'deregistered' }) },
      message:
        'AMI ami-0good is deregistered, not available, so Batch cannot launch instances from it.',
    },
    {
      name: 'pending',
      subject: { image: imageFacts({ state: 'pending' }) },
      message: /^AMI ami-0good is pending, not available/,
    },
    {
      name: 'disabled',
      subject: { image: imageFacts({ state: 'disabled' }) },
      message: /^AMI ami-0good is disabled, not available/,
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'no state reported',
      subject: { image: imageFacts({ state: undefined }) },
      message: /reported no state for AMI ami-0good/,
    },
  ],
};
