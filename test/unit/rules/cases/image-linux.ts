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
      name: 'Linux/UNIX',
      subject: { image: OFFICIAL_IMAGE },
      message: 'AMI ami-0good is Linux/UNIX.',
    },
    {
      name: 'Red Hat',
      subject: { image: imageFacts({ platformDetails: 'Red Hat Enterprise Linux' }) },
      message: /is Red Hat Enterprise Linux/,
    },
  ],
  fail: [
    {
      name: 'Windows',
      subject: { image: imageFacts({ platform: 'windows', platformDetails: 'Windows' }) },
      message: 'AMI ami-0good is a Windows AMI (Windows); Batch supports Linux AMIs only.',
      evidence: /Platform=windows, PlatformDetails=Windows$/,
    },
    {
      name: 'Windows with SQL Server, Platform blank',
      subject: { image: imageFacts({ platformDetails: 'Windows with SQL Server Standard' }) },
      message: /is a Windows AMI \(Windows with SQL Server Standard\)/,
      evidence: /Platform=\(blank\)/,
    },
  ],
  inconclusive: [
    { name: 'no image facts', subject: {}, message: NO_IMAGE_FACTS },
    {
      name: 'image not found',
      subject: { image: MISSING_IMAGE },
      message: /AMI ami-0gone could not be described, so its platform is unknown/,
    },
  ],
};
