import { fail, inconclusive, pass, type Rule } from '../core/rule';

export const imageDeprecated: Rule = {
  id: 'image-deprecated',
  title: 'The AMI is not deprecated',
  scope: 'image',
  level: 'advisory',
  severity: 'low',
  spec: {
    quote: 'You can deprecate an AMI to indicate that it is out of date and should not be used.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html',
  },
  impact:
    'A deprecated AMI still launches through the API, but its owner has marked it out of date: it no longer receives fixes and may be deregistered, which would stop the compute environment from scaling.',
  remediation:
    'Move the compute environment to a current AMI (for Batch-provided AMIs, an infrastructure update with updateToLatestImageVersion=true; for custom AMIs, rebuild from a current base).',
  outcomes: {
    pass: 'The AMI has no deprecation time, or its deprecation time is later than the evaluation time.',
    fail: "The AMI's deprecation time is at or before the evaluation time (a warning: the rule is advisory, and a deprecated AMI still launches).",
    inconclusive:
      'The AMI was not described or could not be found, its deprecation time is unreadable, or it has one and the evaluation time is unknown.',
  },
  check({ image, evaluatedAt }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    if (!image.found) {
      return inconclusive(
        `AMI ${image.imageId} could not be described, so its deprecation is unknown.`,
      );
    }
    const deprecation = image.deprecationTime;
    if (!deprecation) {
      return pass(`AMI ${image.imageId} has no deprecation time.`, [
        { source: 'ec2:DescribeImages', observed: 'DeprecationTime=(unset)' },
      ]);
    }
    const evidence = [{ source: 'ec2:DescribeImages', observed: `DeprecationTime=${deprecation}` }];
    const deprecatedAt = Date.parse(deprecation);
    if (Number.isNaN(deprecatedAt)) {
      return inconclusive(
        `AMI ${image.imageId} has an unreadable deprecation time "${deprecation}".`,
        evidence,
      );
    }
    const now = evaluatedAt === undefined ? Number.NaN : Date.parse(evaluatedAt);
    if (Number.isNaN(now)) {
      return inconclusive(
        `AMI ${image.imageId} is deprecated from ${deprecation}, but the evaluation time is unknown, so whether that has passed cannot be told.`,
        evidence,
      );
    }
    return deprecatedAt <= now
      ? fail(`AMI ${image.imageId} was deprecated on ${deprecation}.`, evidence)
      : pass(`AMI ${image.imageId} is not deprecated yet; it will be on ${deprecation}.`, evidence);
  },
};
