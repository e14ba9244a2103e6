import { evidenceOf } from '../core/evidence';
import { fail, inconclusive, notApplicable, pass, type Rule } from '../core/rule';
import { noHostFacts } from './support/host-guard';

/**
 * Tells an HVM guest from a Xen paravirtual (PV) one from inside the host.
 *
 * Only Xen runs PV guests, and a PV guest always sees `/sys/hypervisor/type` =
 * `xen` (CONFIG_XEN_SYS_HYPERVISOR defaults on with CONFIG_XEN). What tells PV
 * from HVM on Xen is firmware: an HVM guest boots through emulated BIOS/UEFI and
 * has SMBIOS/DMI tables; a PV guest is started directly by the hypervisor and has
 * none. Every other platform (Nitro/KVM, Firecracker, bare metal) runs only
 * full-virtualization guests, so no `xen` there means HVM. When the image's own
 * metadata is available, image-hvm judges its `VirtualizationType` instead.
 */
export const hvmVirtualization: Rule = {
  id: 'hvm-virtualization',
  title: 'The AMI is an HVM (not paravirtual) image',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      "A modern Linux distribution that's running at least version 3.10 of the Linux kernel on an HVM virtualization type AMI.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Paravirtual AMIs cannot launch on current-generation instance types; the compute environment cannot scale and jobs stay RUNNABLE.',
  remediation:
    'Rebuild the AMI from an HVM base image (every current Amazon Linux, Ubuntu and RHEL image is HVM); a PV image cannot be converted in place.',
  outcomes: {
    pass: 'The host runs as an HVM guest: Xen with DMI tables, or a platform that only runs HVM guests (Nitro, bare metal).',
    fail: 'The host is a Xen guest without DMI tables: a paravirtual guest.',
    inconclusive: 'The hypervisor type, or on Xen whether DMI tables exist, could not be read.',
    notApplicable: 'Image metadata is available; image-hvm judges the virtualization type from it.',
  },
  check(subject) {
    if (subject.image) {
      return notApplicable('Judged from the image metadata by image-hvm.');
    }
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const { hypervisorType, dmiPresent, dmiVendor } = host.virtualization;
    const evidence = evidenceOf(hypervisorType, (type) => type ?? '/sys/hypervisor/type absent');
    if (!hypervisorType.known) {
      return inconclusive(`The hypervisor type is unknown: ${hypervisorType.reason}`, evidence);
    }
    const type = hypervisorType.value?.trim().toLowerCase() ?? null;
    if (type !== 'xen') {
      const platform = type
        ? `a ${type} hypervisor`
        : 'Nitro, bare metal or another non-Xen platform';
      return pass(
        `The host is not a Xen guest (${platform}), and only Xen runs paravirtual guests.`,
        [...evidence, ...evidenceOf(dmiVendor, (vendor) => vendor ?? 'no DMI vendor')],
      );
    }
    evidence.push(
      ...evidenceOf(dmiPresent, (present) => (present ? 'DMI tables present' : 'no DMI tables')),
    );
    if (!dmiPresent.known) {
      return inconclusive(
        `The host is a Xen guest, and whether it has DMI tables (HVM) is unknown: ${dmiPresent.reason}`,
        evidence,
      );
    }
    return dmiPresent.value
      ? pass('The host is a Xen HVM guest (it has DMI tables).', evidence)
      : fail(
          'The host is a Xen paravirtual guest: /sys/hypervisor/type is xen and there are no DMI tables.',
          evidence,
        );
  },
};
