import type { RuleCases } from './types';

const missingTemplate = {
  code: 'launch-template-not-found',
  verdict: 'FAIL',
  message:
    'Launch template batch-base version 7 does not exist (InvalidLaunchTemplateId.VersionNotFound).',
} as const;
const noDefault = {
  code: 'no-default-image',
  verdict: 'INCONCLUSIVE',
  message: 'Batch has no default ECS_AL2023_NVIDIA image for arm64 instance types g5g.',
} as const;

export const cases: RuleCases = {
  pass: [
    {
      name: 'nothing unresolved',
      subject: { resolutionProblems: [] },
      message: 'Every AMI of the compute environment was resolved.',
    },
  ],
  fail: [
    {
      name: 'launch template version missing',
      subject: { resolutionProblems: [missingTemplate, noDefault] },
      message: missingTemplate.message,
      evidence: /^resolve:launch-template-not-found Launch template batch-base version 7/,
    },
  ],
  inconclusive: [
    {
      name: 'no default image for the instance types',
      subject: { resolutionProblems: [noDefault] },
      message: noDefault.message,
    },
  ],
  notApplicable: [
    { name: 'not a resolution audit', subject: {}, message: /No AMI resolution was attempted/ },
  ],
};
