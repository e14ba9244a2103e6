import { fail, inconclusive, pass, type Rule } from '../core/rule';

export const imageHvm: Rule = {
  id: 'image-hvm',
  title: 'The AMI uses HVM virtualization',
  scope: 'image',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      "A modern Linux distribution that's running at least version 3.10 of the Linux kernel on an HVM virtualization type AMI.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Current instance types launch HVM AMIs only; a paravirtual AMI cannot start on the instance types Batch picks, so the compute environment cannot scale.',
  remediation:
    'Rebuild the AMI from an HVM base image (every ECS-optimized AMI is HVM) and point the compute environment at it.',
  outcomes: {
    pass: "The AMI's VirtualizationType is `hvm`.",
    fail: "The AMI's VirtualizationType is anything else (`paravirtual`).",
    inconclusive:
      'The AMI was not described or could not be found, or EC2 reported no virtualization type for it.',
  },
  check({ image }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    if (!image.found) {
      return inconclusive(
        `AMI ${image.imageId} could not be described, so its virtualization type is unknown.`,
      );
    }
    const type = image.virtualizationType;
    if (!type) return inconclusive(`EC2 reported no virtualization type for AMI ${image.imageId}.`);
    const evidence = [{ source: 'ec2:DescribeImages', observed: `VirtualizationType=${type}` }];
    return type === 'hvm'
      ? pass(`AMI ${image.imageId} uses HVM virtualization.`, evidence)
      : fail(
          `AMI ${image.imageId} uses ${type} virtualization; Batch requires an HVM AMI.`,
          evidence,
        );
  },
};
