import { fail, inconclusive, pass, type Rule } from '../core/rule';

export const imageLinux: Rule = {
  id: 'image-linux',
  title: 'The AMI is a Linux AMI',
  scope: 'image',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      "A modern Linux distribution that's running at least version 3.10 of the Linux kernel on an HVM virtualization type AMI. Windows containers aren't supported.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Batch runs Linux containers through the ECS agent; Windows instances never register with the Batch-managed ECS cluster, so jobs stay RUNNABLE.',
  remediation:
    'Use a Linux AMI: the ECS-optimized Amazon Linux 2023 AMI (the Batch default) or a custom AMI built from it.',
  outcomes: {
    pass: 'The AMI is not a Windows AMI: Platform is blank and PlatformDetails does not start with Windows (e.g. Linux/UNIX, Red Hat Enterprise Linux).',
    fail: 'Platform is `windows`, or PlatformDetails starts with Windows (e.g. Windows with SQL Server).',
    inconclusive: 'The AMI was not described, or could not be found.',
  },
  check({ image }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    if (!image.found) {
      return inconclusive(
        `AMI ${image.imageId} could not be described, so its platform is unknown.`,
      );
    }
    // EC2 sets Platform only for Windows; PlatformDetails names the billing product.
    const details = image.platformDetails;
    const evidence = [
      {
        source: 'ec2:DescribeImages',
        observed: `Platform=${image.platform ?? '(blank)'}, PlatformDetails=${details ?? '(blank)'}`,
      },
    ];
    const windows = image.platform === 'windows' || /^windows/i.test(details ?? '');
    if (windows) {
      return fail(
        `AMI ${image.imageId} is a Windows AMI (${details ?? 'Platform=windows'}); Batch supports Linux AMIs only.`,
        evidence,
      );
    }
    return pass(`AMI ${image.imageId} is ${details ?? 'not a Windows AMI'}.`, evidence);
  },
};
