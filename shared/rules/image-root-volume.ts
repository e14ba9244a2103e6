import { fail, inconclusive, pass, type Rule } from '../core/rule';

/** What the ECS-optimized AMIs ship (amazon-ecs-ami, reference §5.2). */
const ECS_OPTIMIZED_ROOT_GIB = 30;

/** Previous-generation families that boot instance store-backed AMIs (EC2 User Guide). */
const INSTANCE_STORE_ROOT_FAMILIES = 'C1, C3, D2, I2, M1, M2, M3, R3 and X1';

/**
 * Reports the root volume size. Size alone never fails: the Batch documentation sets no minimum
 * (it only lists "increasing the storage size of your AMI root or data volumes" as a reason to
 * build a custom AMI), so a root volume under the ECS-optimized 30 GiB is information. An
 * instance store-backed root fails (advisory): it cannot be sized, and EC2 launches such AMIs
 * only on a few previous-generation families ("Nitro-based instances support only EBS root
 * volumes").
 */
export const imageRootVolume: Rule = {
  id: 'image-root-volume',
  title: 'The AMI has an EBS root volume; its size is reported',
  scope: 'image',
  level: 'advisory',
  severity: 'info',
  spec: {
    quote:
      'If you require any of the following, we recommend you create your own AMI: Increasing the storage size of your AMI root or data volumes',
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/compute_resource_AMIs.html',
  },
  impact:
    'Container images and job scratch data share the root volume unless the AMI or launch template adds storage; a small root volume can fill up and fail jobs.',
  remediation:
    'Size the root volume for your container images and job data, in the AMI or in the launch template block device mappings; rebuild an instance store-backed AMI as an EBS-backed one.',
  outcomes: {
    pass: 'The AMI is not instance store-backed and its root volume size is known. Size alone never fails: the message reports it, and says so when it is under the 30 GiB the ECS-optimized AMI ships.',
    fail: 'The AMI is instance store-backed: its root volume cannot be sized, and only previous-generation C1, C3, D2, I2, M1, M2, M3, R3 and X1 instances can launch it (a warning: the rule is advisory).',
    inconclusive:
      'The AMI was not described or could not be found, or its root volume size is unknown.',
  },
  check({ image }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    if (!image.found) {
      return inconclusive(
        `AMI ${image.imageId} could not be described, so its root volume is unknown.`,
      );
    }
    if (image.rootDeviceType === 'instance-store') {
      return fail(
        `AMI ${image.imageId} is instance store-backed: its root volume cannot be sized, and only ${INSTANCE_STORE_ROOT_FAMILIES} instances can launch it.`,
        [{ source: 'ec2:DescribeImages', observed: 'RootDeviceType=instance-store' }],
      );
    }
    const size = image.rootVolumeSizeGiB;
    if (size === undefined) {
      return inconclusive(`The root volume size of AMI ${image.imageId} is unknown.`);
    }
    const evidence = [
      {
        source: 'ec2:DescribeImages',
        observed: `RootDeviceType=${image.rootDeviceType ?? 'unknown'}, root volume ${size} GiB`,
      },
    ];
    const comparison =
      size < ECS_OPTIMIZED_ROOT_GIB
        ? `, smaller than the ${ECS_OPTIMIZED_ROOT_GIB} GiB the ECS-optimized AMI ships; container images and job data share it`
        : '';
    return pass(`AMI ${image.imageId} has a ${size} GiB root volume${comparison}.`, evidence);
  },
};
