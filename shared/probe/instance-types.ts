/**
 * Which instance types a probe may use, in the order to try them, and whether
 * the GPU rules can be judged on real hardware.
 */
import type { ProbeTarget } from '../pipeline/ports';
import type { ProbeConfig } from './config';

export interface InstanceTypePlan {
  /** Types to try, cheapest first; later ones are fallbacks for capacity errors. */
  readonly instanceTypes: readonly string[];
  /** The types in `instanceTypes` that have NVIDIA GPUs. */
  readonly gpuTypes: readonly string[];
  /**
   * Why GPU rules cannot be judged on this probe, when a compute environment
   * needs a GPU but the probe will not have one (starts with `needs a GPU probe`).
   */
  readonly gpuLimitation?: string;
  /** Why no instance type fits at all (an architecture the probe cannot boot). */
  readonly unsupported?: string;
}

/**
 * Plans instance types for an AMI of `architecture` used by `targets` (a probe request's
 * targets, and its own context when no compute environment names the AMI).
 * A GPU instance is used only when a target runs GPU workloads *and* the
 * configuration allows it; the cheap types follow as a capacity fallback.
 */
export function planInstanceTypes(
  architecture: string | undefined,
  targets: readonly Pick<ProbeTarget, 'context'>[],
  config: Pick<ProbeConfig, 'instanceTypes' | 'gpuAllowed'>,
): InstanceTypePlan {
  const regular =
    architecture === 'x86_64'
      ? config.instanceTypes.x86_64
      : architecture === 'arm64'
        ? config.instanceTypes.arm64
        : [];
  if (regular.length === 0) {
    return {
      instanceTypes: [],
      gpuTypes: [],
      unsupported: `no probe instance type boots a ${architecture ?? 'unknown'}-architecture AMI (only x86_64 and arm64 are probed)`,
    };
  }
  const needsGpu = targets.some((target) => target.context.gpu);
  if (!needsGpu) return { instanceTypes: regular, gpuTypes: [] };

  // The ECS GPU-optimized AMIs are x86_64 only ("not for Graviton").
  if (config.gpuAllowed && architecture === 'x86_64') {
    const gpuTypes = config.instanceTypes.gpu;
    return {
      instanceTypes: [...gpuTypes, ...regular.filter((t) => !gpuTypes.includes(t))],
      gpuTypes,
    };
  }
  const why = config.gpuAllowed
    ? `GPU probes run on x86_64 only and this AMI is ${architecture}`
    : 'GPU probes are disabled (set PROBE_GPU_ALLOWED=true to allow a GPU instance)';
  return {
    instanceTypes: regular,
    gpuTypes: [],
    gpuLimitation: `needs a GPU probe: ${why}, so the probe runs without a GPU and rules that need GPU hardware cannot be judged`,
  };
}
