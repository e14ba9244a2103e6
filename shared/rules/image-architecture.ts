import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { instanceTypeEvidence, servedInstanceTypes } from '../resolve/instance-types';

export const imageArchitecture: Rule = {
  id: 'image-architecture',
  title: 'The AMI architecture matches every instance type it serves',
  scope: 'image',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      'The AMI that you choose for a compute environment must match the architecture of the instance types that you intend to use for that compute environment.',
    url: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_Ec2Configuration.html',
  },
  impact:
    'EC2 refuses to launch an instance type with an AMI of another architecture; Batch cannot scale those instance types and jobs that need them stay RUNNABLE.',
  remediation:
    'Give each architecture its own AMI: use an arm64 AMI for Graviton types (a1, c7g, m7g, …) and an x86_64 AMI for the others, or split them into separate compute environments.',
  outcomes: {
    pass: "Every instance type the compute environment lists (Batch keywords such as `optimal` included) supports the AMI's architecture, by EC2 DescribeInstanceTypes or else the built-in family table; with no instance types listed, the architecture the compute environment expects equals the AMI's.",
    fail: "Some listed instance type does not support the AMI's architecture (an arm64 AMI for c5, an x86_64 AMI for c7g), or, with none listed, the compute environment expects another architecture.",
    inconclusive:
      'The AMI was not described, could not be found or has no architecture; there is no compute environment context; no instance types are listed and no architecture is expected; or the architecture of a listed instance type is unknown (and none mismatches).',
  },
  check({ image, context }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    if (!image.found) {
      return inconclusive(
        `AMI ${image.imageId} could not be described, so its architecture is unknown.`,
      );
    }
    const arch = image.architecture;
    if (!arch) return inconclusive(`EC2 reported no architecture for AMI ${image.imageId}.`);
    const imageEvidence = { source: 'ec2:DescribeImages', observed: `Architecture=${arch}` };
    if (!context) {
      return inconclusive(
        `No compute environment context: which instance types AMI ${image.imageId} serves is unknown.`,
        [imageEvidence],
      );
    }
    const served = servedInstanceTypes(context);
    if (served.length === 0) {
      const expected = context.expectedArchitecture;
      if (!expected) {
        return inconclusive(
          `The compute environment lists no instance types, so the architecture AMI ${image.imageId} needs is unknown.`,
          [imageEvidence],
        );
      }
      return expected === arch
        ? pass(
            `${arch} AMI ${image.imageId} matches the compute environment's ${expected} instances.`,
            [imageEvidence],
          )
        : fail(`${arch} AMI ${image.imageId} serves ${expected} instances.`, [imageEvidence]);
    }
    const evidence = [
      imageEvidence,
      ...instanceTypeEvidence(served, (i) => i.architectures.join('|') || 'unknown'),
    ];
    const unknown = served.filter((i) => i.architectures.length === 0);
    const mismatched = served.filter(
      (i) => i.architectures.length > 0 && !i.architectures.includes(arch),
    );
    if (mismatched.length > 0) {
      const byNeed = Map.groupBy(mismatched, (i) => i.architectures.join('/'));
      const clauses = [...byNeed].map(
        ([need, types]) => `${need} instance types ${types.map((t) => t.instanceType).join(', ')}`,
      );
      return fail(`${arch} image ${image.imageId} serves ${clauses.join('; and ')}.`, evidence);
    }
    if (unknown.length > 0) {
      return inconclusive(
        `The architecture of instance types ${unknown.map((t) => t.instanceType).join(', ')} is unknown, so whether ${arch} AMI ${image.imageId} can run on them is not known.`,
        evidence,
      );
    }
    return pass(
      `${arch} AMI ${image.imageId} matches every instance type it serves (${served.map((t) => t.instanceType).join(', ')}).`,
      evidence,
    );
  },
};
