import { imageFacts, NO_IMAGE_FACTS, OFFICIAL_IMAGE } from '../../../support/image-facts-builder';
import type { RuleCases } from './types';

const NOW = '2026-09-01T00:00:00Z';

export const cases: RuleCases = {
  pass: [
    {
      name: 'no deprecation time',
      subject: { image: OFFICIAL_IMAGE, evaluatedAt: NOW },
      message: 'AMI ami-0good has no deprecation time.',
    },
    {
      name: 'deprecation in the future',
      subject: {
        image: imageFacts({ deprecationTime: '2028-08-18T00:00:00.000Z' }),
        evaluatedAt: NOW,
      },
      message: 'AMI ami-0good is not deprecated yet; it will be on 2028-08-18T00:00:00.000Z.',
    },
  ],
  fail: [
    {
      name: 'deprecation passed',
      subject: {
        image: imageFacts({ deprecationTime: '2025-01-01T00:00:00.000Z' }),
        evaluatedAt: NOW,
      },
      message: 'AMI ami-0good was deprecated on 2025-01-01T00:00:00.000Z.',
      evidence: /^ec2:DescribeImages DeprecationTime=2025-01-01T00:00:00\.000Z$/,
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'no evaluation time',
      subject: { image: imageFacts({ deprecationTime: '2025-01-01T00:00:00.000Z' }) },
      message: /the evaluation time is unknown/,
    },
  ],
};
