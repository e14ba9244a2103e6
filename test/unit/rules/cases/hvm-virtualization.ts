import { fact, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const xen = { hypervisorType: fact('xen', 'file:/sys/hypervisor/type') };

export const cases: RuleCases = {
  pass: [
    {
      name: 'Nitro: no /sys/hypervisor/type',
      subject: hostSubject('al2023'),
      message: /not a Xen guest \(Nitro, bare metal/,
      evidence: /Amazon EC2/,
    },
    {
      name: 'Xen HVM: DMI tables present',
      subject: hostSubject('al2'),
      message: /Xen HVM guest/,
      evidence: /DMI tables present/,
    },
    {
      name: 'Firecracker: no hypervisor type and no DMI',
      subject: hostSubject('al2023', {
        virtualization: { dmiPresent: fact(false), dmiVendor: fact(null) },
      }),
      message: /not a Xen guest/,
    },
    {
      name: 'a KVM hypervisor type',
      subject: hostSubject('al2023', { virtualization: { hypervisorType: fact('kvm') } }),
      message: /a kvm hypervisor/,
    },
  ],
  fail: [
    {
      name: 'Xen without DMI tables is paravirtual',
      subject: hostSubject('al2', {
        virtualization: { ...xen, dmiPresent: fact(false, 'file:/sys/class/dmi/id') },
      }),
      message: /Xen paravirtual guest/,
      evidence: /file:\/sys\/hypervisor\/type xen/,
    },
  ],
  inconclusive: [
    {
      name: 'hypervisor type unreadable',
      subject: hostSubject('al2023', {
        virtualization: { hypervisorType: unknownFact('permission denied') },
      }),
      message: /hypervisor type is unknown: permission denied/,
    },
    {
      name: 'Xen with DMI presence unknown',
      subject: hostSubject('al2023', {
        virtualization: { ...xen, dmiPresent: unknownFact('sysfs not mounted') },
      }),
      message: /Xen guest, and whether it has DMI tables .* is unknown: sysfs not mounted/,
    },
    { name: 'no host facts', subject: {}, message: /No host facts/ },
  ],
  notApplicable: [
    {
      name: 'image metadata present',
      subject: { ...hostSubject('al2023'), image: { imageId: 'ami-0abc', found: true } },
      message: /image-hvm/,
    },
  ],
};
