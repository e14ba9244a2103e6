import { fail, inconclusive, pass, type Rule } from '../core/rule';

/** Failed, pending, deregistered, disabled … images cannot launch instances. */
export const imageAvailable: Rule = {
  id: 'image-available',
  title: 'The AMI exists, is visible to the account and is available',
  scope: 'image',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      'The current state of the AMI. If the state is available, the image is successfully registered and can be used to launch an instance.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html',
  },
  impact:
    'Batch cannot launch instances from an AMI that is missing, not shared with the account, in another Region or not available: the compute environment goes INVALID or stops scaling, and jobs stay RUNNABLE.',
  remediation:
    'Point the compute environment (imageIdOverride, launch template or launch-template override) at an AMI that exists in its Region, is shared with its account and is in the available state; copy or re-share the AMI if it lives elsewhere.',
  outcomes: {
    pass: 'EC2 DescribeImages finds the AMI and its state is `available`.',
    fail: 'The AMI cannot be found (deregistered, not shared with the account, or in another Region), or its state is not `available` (pending, failed, deregistered, disabled, …).',
    inconclusive: 'The AMI was not described, or EC2 reported no state for it.',
  },
  check({ image }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    const { imageId } = image;
    if (!image.found) {
      const why = image.notFoundReason ? ` (${image.notFoundReason})` : '';
      return fail(
        `AMI ${imageId} could not be found${why}: it was deregistered, is not shared with this account, or is in another Region, so Batch cannot launch instances from it.`,
        [
          {
            source: 'ec2:DescribeImages',
            observed: `${imageId}: ${image.notFoundReason ?? 'not found'}`,
          },
        ],
      );
    }
    if (!image.state) return inconclusive(`EC2 reported no state for AMI ${imageId}.`);
    const evidence = [{ source: 'ec2:DescribeImages', observed: `State=${image.state}` }];
    return image.state === 'available'
      ? pass(`AMI ${imageId} is available.`, evidence)
      : fail(
          `AMI ${imageId} is ${image.state}, not available, so Batch cannot launch instances from it.`,
          evidence,
        );
  },
};
