import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { instanceTypeEvidence, servedInstanceTypes } from '../resolve/instance-types';

export const imageEnaSupport: Rule = {
  id: 'image-ena-support',
  title: 'The AMI enables ENA when its instance types require it',
  scope: 'image',
  level: 'required',
  severity: 'high',
  spec: {
    quote:
      'To use enhanced networking, you must use an AMI that includes the required ENA driver or manually install it. Then you can enable ENA support on your instance.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/enhanced-networking-ena.html',
  },
  impact:
    'EC2 refuses to launch instance types whose ENA support is `required` (every Nitro type: c5, m5, c7g, …) from an AMI without the enaSupport attribute ("Enhanced networking with the Elastic Network Adapter (ENA) is required for the … instance type"); Batch cannot scale them and jobs stay RUNNABLE.',
  remediation:
    'Install the ENA driver in the AMI (every current Amazon Linux has it), set the attribute (aws ec2 register-image … --ena-support, or modify-instance-attribute --ena-support before creating the image) and point the compute environment at the new AMI.',
  outcomes: {
    pass: 'The AMI enables ENA (enaSupport), or none of the instance types it serves require ENA (Xen types such as t2 and c4).',
    fail: 'The AMI does not enable ENA and some instance type it serves requires it (Nitro types: c5, m5, c7g, …).',
    inconclusive:
      'The AMI was not described or could not be found; EC2 did not say whether it enables ENA and a type it serves requires ENA; or it does not enable ENA and which instance types it serves, or whether they require ENA, is unknown (no compute environment context, none listed, or an unknown family).',
  },
  check({ image, context }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    if (!image.found) {
      return inconclusive(
        `AMI ${image.imageId} could not be described, so its ENA support is unknown.`,
      );
    }
    const ena = image.enaSupport;
    const imageEvidence = {
      source: 'ec2:DescribeImages',
      observed: `EnaSupport=${ena ?? 'unknown'}`,
    };
    if (ena === true) return pass(`AMI ${image.imageId} has ENA enabled.`, [imageEvidence]);
    if (!context) {
      return inconclusive(
        `AMI ${image.imageId} does not enable ENA, and which instance types it serves is unknown.`,
        [imageEvidence],
      );
    }
    const served = servedInstanceTypes(context);
    const evidence = [
      imageEvidence,
      ...instanceTypeEvidence(served, (i) => i.enaSupport ?? 'unknown'),
    ];
    const names = (types: typeof served) => types.map((t) => t.instanceType).join(', ');
    const requiring = served.filter((i) => i.enaSupport === 'required');
    if (requiring.length > 0) {
      return ena === false
        ? fail(
            `AMI ${image.imageId} does not enable ENA, which instance types ${names(requiring)} require; EC2 will not launch them from it.`,
            evidence,
          )
        : inconclusive(
            `Whether AMI ${image.imageId} enables ENA is unknown, and instance types ${names(requiring)} require it.`,
            evidence,
          );
    }
    const unknown = served.filter((i) => i.enaSupport === undefined);
    if (unknown.length > 0 || served.length === 0) {
      return inconclusive(
        `AMI ${image.imageId} does not enable ENA, and whether instance types ${names(unknown) || '(none listed)'} require it is unknown.`,
        evidence,
      );
    }
    return pass(
      `None of the instance types AMI ${image.imageId} serves (${names(served)}) require ENA.`,
      evidence,
    );
  },
};
