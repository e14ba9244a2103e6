import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { instanceTypeEvidence, servedInstanceTypes } from '../resolve/instance-types';

/** The instance-type boot mode an AMI boot mode needs (uefi-preferred boots either way). */
const NEEDS: Readonly<Record<string, string | undefined>> = {
  uefi: 'uefi',
  'legacy-bios': 'legacy-bios',
  'uefi-preferred': undefined,
};

export const imageBootMode: Rule = {
  id: 'image-boot-mode',
  title: 'Every instance type the AMI serves supports its boot mode',
  scope: 'image',
  level: 'required',
  severity: 'high',
  spec: {
    quote:
      'When the boot mode parameter is set to uefi, EC2 attempts to launch the instance on UEFI. … For AMIs with no boot mode parameter, the instances launched from these AMIs use the default boot mode value of the instance type.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-boot.html',
  },
  impact:
    'An instance type that cannot boot the AMI’s boot mode fails to launch (a uefi AMI on Xen or x86 bare-metal types; a legacy-bios AMI on Graviton), so Batch cannot scale it.',
  remediation:
    'Set the AMI boot mode to uefi-preferred (or leave it unset) when the OS supports both, or drop the instance types that cannot boot it from the compute environment.',
  outcomes: {
    pass: 'The AMI sets no boot mode or `uefi-preferred` (every instance type can boot it), or it boots `uefi` or `legacy-bios` only and every instance type it serves supports that mode.',
    fail: 'The AMI boots `uefi` only and some instance type it serves cannot boot UEFI (Xen types, x86 bare metal, …), or it boots `legacy-bios` only and some type cannot boot legacy BIOS (Graviton).',
    inconclusive:
      'The AMI was not described or could not be found; it has a boot mode the rule does not know; or it boots one mode only and which instance types it serves, or whether they support that mode, is unknown (no compute environment context, none listed, or an unknown family).',
  },
  check({ image, context }) {
    if (!image)
      return inconclusive('No image facts: the AMI was not described (EC2 DescribeImages).');
    if (!image.found) {
      return inconclusive(
        `AMI ${image.imageId} could not be described, so its boot mode is unknown.`,
      );
    }
    const mode = image.bootMode;
    const imageEvidence = {
      source: 'ec2:DescribeImages',
      observed: `BootMode=${mode ?? '(unset)'}`,
    };
    if (!mode) {
      return pass(
        `AMI ${image.imageId} sets no boot mode, so each instance type boots it in its default mode.`,
        [imageEvidence],
      );
    }
    if (!(mode in NEEDS)) {
      return inconclusive(
        `AMI ${image.imageId} has boot mode "${mode}", which this rule does not know.`,
        [imageEvidence],
      );
    }
    const needed = NEEDS[mode];
    if (!needed) {
      return pass(
        `AMI ${image.imageId} is ${mode}: it boots UEFI where the instance type supports it and legacy BIOS elsewhere.`,
        [imageEvidence],
      );
    }
    if (!context) {
      return inconclusive(
        `AMI ${image.imageId} boots ${mode} only, and which instance types it serves is unknown.`,
        [imageEvidence],
      );
    }
    const served = servedInstanceTypes(context);
    const evidence = [
      imageEvidence,
      ...instanceTypeEvidence(served, (i) => i.bootModes?.join('|') ?? 'unknown'),
    ];
    const names = (types: typeof served) => types.map((t) => t.instanceType).join(', ');
    const unsupported = served.filter((i) => i.bootModes && !i.bootModes.includes(needed));
    if (unsupported.length > 0) {
      return fail(
        `AMI ${image.imageId} boots ${mode} only, which instance types ${names(unsupported)} do not support.`,
        evidence,
      );
    }
    const unknown = served.filter((i) => !i.bootModes);
    if (unknown.length > 0 || served.length === 0) {
      return inconclusive(
        `AMI ${image.imageId} boots ${mode} only, and whether instance types ${names(unknown) || '(none listed)'} support it is unknown.`,
        evidence,
      );
    }
    return pass(
      `Every instance type AMI ${image.imageId} serves (${names(served)}) supports ${mode}.`,
      evidence,
    );
  },
};
