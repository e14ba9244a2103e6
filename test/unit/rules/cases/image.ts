/**
 * Pass / fail (and inconclusive) subjects for every image rule, keyed by rule id. The image-rule
 * tests and the registry meta-test both read this table. `message` is the exact finding message
 * a person would read, so a case also pins what the rule says.
 */
import type {
  AuditSubject,
  ComputeEnvironmentContext,
  ImageFacts,
} from '../../../../shared/core/subject';

export interface RuleCase {
  readonly name: string;
  readonly subject: AuditSubject;
  /** The finding's exact message, when the case pins it. */
  readonly message?: string;
}

export interface RuleCases {
  readonly pass: readonly RuleCase[];
  readonly fail: readonly RuleCase[];
  readonly inconclusive?: readonly RuleCase[];
}

/** A current ECS-optimized AL2023 x86_64 AMI, as DescribeImages describes it. */
const GOOD: ImageFacts = {
  imageId: 'ami-0good',
  found: true,
  name: 'al2023-ami-ecs-hvm-2023.0.20260817-kernel-6.1-x86_64',
  ownerId: '591542846629',
  state: 'available',
  virtualizationType: 'hvm',
  architecture: 'x86_64',
  platformDetails: 'Linux/UNIX',
  enaSupport: true,
  bootMode: 'uefi-preferred',
  rootDeviceType: 'ebs',
  rootVolumeSizeGiB: 30,
  creationDate: '2026-08-18T00:00:00.000Z',
};

const image = (facts: Partial<ImageFacts> = {}): ImageFacts => ({ ...GOOD, ...facts });

const context = (
  instanceTypes: string[],
  extra: Partial<ComputeEnvironmentContext> = {},
): ComputeEnvironmentContext => ({
  name: 'ce',
  managed: true,
  resourceType: 'EC2',
  orchestration: 'ECS',
  instanceTypes,
  gpu: false,
  ...extra,
});

const NOT_DESCRIBED: RuleCase = {
  name: 'no image facts',
  subject: {},
  message: 'No image facts: the AMI was not described (EC2 DescribeImages).',
};

const GONE = image({ imageId: 'ami-0gone', found: false, notFoundReason: 'InvalidAMIID.NotFound' });

export const IMAGE_RULE_CASES: Readonly<Record<string, RuleCases>> = {
  'image-available': {
    pass: [
      {
        name: 'available',
        subject: { image: GOOD },
        message: 'AMI ami-0good is available.',
      },
    ],
    fail: [
      {
        name: 'not found',
        subject: { image: GONE },
        message:
          'AMI ami-0gone could not be found (InvalidAMIID.NotFound): it was deregistered, is not shared with this account, or is in another Region, so Batch cannot launch instances from it.',
      },
      {
        name: 'deregistered',
        subject: { image: image({ state: 'deregistered' }) },
        message:
          'AMI ami-0good is deregistered, not available, so Batch cannot launch instances from it.',
      },
      { name: 'pending', subject: { image: image({ state: 'pending' }) } },
      { name: 'disabled', subject: { image: image({ state: 'disabled' }) } },
    ],
    inconclusive: [
      NOT_DESCRIBED,
      { name: 'no state reported', subject: { image: image({ state: undefined }) } },
    ],
  },

  'image-linux': {
    pass: [
      { name: 'Linux/UNIX', subject: { image: GOOD }, message: 'AMI ami-0good is Linux/UNIX.' },
      {
        name: 'Red Hat',
        subject: { image: image({ platformDetails: 'Red Hat Enterprise Linux' }) },
      },
    ],
    fail: [
      {
        name: 'Windows',
        subject: { image: image({ platform: 'windows', platformDetails: 'Windows' }) },
        message: 'AMI ami-0good is a Windows AMI (Windows); Batch supports Linux AMIs only.',
      },
      {
        name: 'Windows with SQL Server, Platform blank',
        subject: { image: image({ platformDetails: 'Windows with SQL Server Standard' }) },
      },
    ],
    inconclusive: [NOT_DESCRIBED, { name: 'image not found', subject: { image: GONE } }],
  },

  'image-hvm': {
    pass: [
      { name: 'hvm', subject: { image: GOOD }, message: 'AMI ami-0good uses HVM virtualization.' },
    ],
    fail: [
      {
        name: 'paravirtual',
        subject: { image: image({ imageId: 'ami-0pv', virtualizationType: 'paravirtual' }) },
        message: 'AMI ami-0pv uses paravirtual virtualization; Batch requires an HVM AMI.',
      },
    ],
    inconclusive: [
      NOT_DESCRIBED,
      { name: 'no type reported', subject: { image: image({ virtualizationType: undefined }) } },
    ],
  },

  'image-architecture': {
    pass: [
      {
        name: 'x86_64 image on x86 types',
        subject: { image: GOOD, context: context(['c5.large', 'm5', 'optimal']) },
        message:
          'x86_64 AMI ami-0good matches every instance type it serves (c5.large, m5, optimal).',
      },
      {
        name: 'arm64 image on Graviton types',
        subject: {
          image: image({ architecture: 'arm64' }),
          context: context(['c7g', 'm7g.large', 'a1.xlarge']),
        },
      },
      {
        name: 'type described by EC2 rather than the table',
        subject: {
          image: image({ architecture: 'arm64' }),
          context: context(['zz9.large'], {
            instanceTypeInfo: [{ instanceType: 'zz9.large', architectures: ['arm64'], gpu: false }],
          }),
        },
      },
    ],
    fail: [
      {
        name: 'arm64 image on x86 types',
        subject: {
          image: image({ architecture: 'arm64' }),
          context: context(['c7g', 'c5.large', 'm5']),
        },
        message: 'arm64 image ami-0good serves x86_64 instance types c5.large, m5.',
      },
      {
        name: 'x86_64 image on a Graviton type',
        subject: { image: GOOD, context: context(['c5', 'g5g.xlarge']) },
        message: 'x86_64 image ami-0good serves arm64 instance types g5g.xlarge.',
      },
      {
        name: 'no instance types, expected architecture differs',
        subject: {
          image: GOOD,
          context: context([], { expectedArchitecture: 'arm64' }),
        },
      },
    ],
    inconclusive: [
      NOT_DESCRIBED,
      {
        name: 'unknown instance family',
        subject: { image: GOOD, context: context(['c5', 'zz9.large']) },
        message:
          'The architecture of instance types zz9.large is unknown, so whether x86_64 AMI ami-0good can run on them is not known.',
      },
      { name: 'no context', subject: { image: GOOD } },
    ],
  },

  'image-ena-support': {
    pass: [
      {
        name: 'ENA enabled',
        subject: { image: GOOD, context: context(['c5']) },
        message: 'AMI ami-0good has ENA enabled.',
      },
      {
        name: 'no ENA, but only Xen types without ENA',
        subject: { image: image({ enaSupport: false }), context: context(['t2.micro', 'c4']) },
        message: 'None of the instance types AMI ami-0good serves (t2.micro, c4) require ENA.',
      },
    ],
    fail: [
      {
        name: 'no ENA on Nitro types',
        subject: {
          image: image({ enaSupport: false }),
          context: context(['t2.micro', 'c5.large', 'm7g']),
        },
        message:
          'AMI ami-0good does not enable ENA, which instance types c5.large, m7g require; EC2 will not launch them from it.',
      },
    ],
    inconclusive: [
      NOT_DESCRIBED,
      {
        name: 'ENA support unknown on Nitro types',
        subject: { image: image({ enaSupport: undefined }), context: context(['c5']) },
      },
      {
        name: 'no ENA and an unknown family',
        subject: { image: image({ enaSupport: false }), context: context(['zz9.large']) },
      },
    ],
  },

  'image-boot-mode': {
    pass: [
      {
        name: 'no boot mode set',
        subject: { image: image({ bootMode: undefined }), context: context(['t2.micro']) },
        message:
          'AMI ami-0good sets no boot mode, so each instance type boots it in its default mode.',
      },
      { name: 'uefi-preferred', subject: { image: GOOD, context: context(['t2.micro']) } },
      {
        name: 'uefi on Graviton and Nitro x86',
        subject: { image: image({ bootMode: 'uefi' }), context: context(['c7g', 'm5.large']) },
        message: 'Every instance type AMI ami-0good serves (c7g, m5.large) supports uefi.',
      },
    ],
    fail: [
      {
        name: 'uefi on Xen and x86 bare metal',
        subject: {
          image: image({ bootMode: 'uefi' }),
          context: context(['m5.large', 't2.micro', 'm5.metal']),
        },
        message:
          'AMI ami-0good boots uefi only, which instance types t2.micro, m5.metal do not support.',
      },
      {
        name: 'legacy-bios on Graviton',
        subject: {
          image: image({ architecture: 'arm64', bootMode: 'legacy-bios' }),
          context: context(['c7g']),
        },
        message: 'AMI ami-0good boots legacy-bios only, which instance types c7g do not support.',
      },
    ],
    inconclusive: [
      NOT_DESCRIBED,
      {
        name: 'uefi on an unknown family',
        subject: { image: image({ bootMode: 'uefi' }), context: context(['zz9.large']) },
      },
    ],
  },

  'image-deprecated': {
    pass: [
      {
        name: 'no deprecation time',
        subject: { image: GOOD, evaluatedAt: '2026-09-01T00:00:00Z' },
        message: 'AMI ami-0good has no deprecation time.',
      },
      {
        name: 'deprecation in the future',
        subject: {
          image: image({ deprecationTime: '2028-08-18T00:00:00.000Z' }),
          evaluatedAt: '2026-09-01T00:00:00Z',
        },
        message: 'AMI ami-0good is not deprecated yet; it will be on 2028-08-18T00:00:00.000Z.',
      },
    ],
    fail: [
      {
        name: 'deprecation passed',
        subject: {
          image: image({ deprecationTime: '2025-01-01T00:00:00.000Z' }),
          evaluatedAt: '2026-09-01T00:00:00Z',
        },
        message: 'AMI ami-0good was deprecated on 2025-01-01T00:00:00.000Z.',
      },
    ],
    inconclusive: [
      NOT_DESCRIBED,
      {
        name: 'no evaluation time',
        subject: { image: image({ deprecationTime: '2025-01-01T00:00:00.000Z' }) },
      },
    ],
  },

  'image-root-volume': {
    pass: [
      {
        name: 'ECS-optimized size',
        subject: { image: GOOD },
        message: 'AMI ami-0good has a 30 GiB root volume.',
      },
      {
        name: 'small root volume: reported, not failed',
        subject: { image: image({ rootVolumeSizeGiB: 8 }) },
        message:
          'AMI ami-0good has a 8 GiB root volume, smaller than the 30 GiB the ECS-optimized AMI ships; container images and job data share it.',
      },
    ],
    fail: [
      {
        name: 'instance store-backed',
        subject: {
          image: image({ rootDeviceType: 'instance-store', rootVolumeSizeGiB: undefined }),
        },
        message:
          'AMI ami-0good is instance store-backed: its root volume cannot be sized, and only C1, C3, D2, I2, M1, M2, M3, R3 and X1 instances can launch it.',
      },
    ],
    inconclusive: [
      NOT_DESCRIBED,
      { name: 'size unknown', subject: { image: image({ rootVolumeSizeGiB: undefined }) } },
    ],
  },
};
