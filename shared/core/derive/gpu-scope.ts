/**
 * Whether the GPU rules apply: the compute environment runs GPU workloads, or
 * the host itself has NVIDIA hardware. A GPU AMI is often probed on a cheaper
 * instance without a GPU, so "applies" and "the probe has a GPU" are told apart.
 */
import { evidenceOf } from '../evidence';
import type { HostFacts } from '../host-facts';
import type { ComputeEnvironmentContext } from '../subject';
import { type Derived, derived, underived } from './derived';

export interface GpuScope {
  readonly applies: boolean;
  /** The probe host has NVIDIA hardware (PCI devices or a loaded driver); null when unknown. */
  readonly hardware: boolean | null;
  /** Why the GPU rules apply or not, in words. */
  readonly why: string;
}

/** Whether the GPU rules apply to this host in this context. */
export function gpuScope(host: HostFacts, context?: ComputeEnvironmentContext): Derived<GpuScope> {
  const { nvidiaPciDevices, driverLoaded, driverVersion } = host.gpu;
  const evidence = [
    ...evidenceOf(nvidiaPciDevices, (n) => `${n} NVIDIA PCI device(s)`),
    ...evidenceOf(driverLoaded, (loaded) =>
      loaded ? 'nvidia module loaded' : 'nvidia module not loaded',
    ),
  ];
  // Without /proc/modules (a kernel built without loadable modules) the driver's own
  // /proc/driver/nvidia/version still tells whether an NVIDIA driver is running.
  const noDriver =
    (driverLoaded.known && !driverLoaded.value) ||
    (driverVersion.known && driverVersion.value === null);
  const hardware =
    (nvidiaPciDevices.known && nvidiaPciDevices.value > 0) ||
    (driverLoaded.known && driverLoaded.value) ||
    (driverVersion.known && driverVersion.value !== null)
      ? true
      : nvidiaPciDevices.known && noDriver
        ? false
        : null;
  if (context?.gpu) {
    return derived(
      { applies: true, hardware, why: `compute environment ${context.name} runs GPU workloads` },
      evidence,
    );
  }
  if (hardware)
    return derived({ applies: true, hardware, why: 'the host has NVIDIA GPUs' }, evidence);
  if (hardware === false || context) {
    const why = context
      ? `compute environment ${context.name} runs no GPU workloads`
      : 'the host has no NVIDIA GPU and no compute environment asks for one';
    return derived({ applies: false, hardware, why }, evidence);
  }
  const unknown = [nvidiaPciDevices, driverLoaded].find((f) => !f.known);
  return underived(
    `whether this host has NVIDIA GPUs is unknown${unknown && !unknown.known ? `: ${unknown.reason}` : ''}`,
    evidence,
  );
}
