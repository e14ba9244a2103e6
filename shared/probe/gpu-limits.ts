/**
 * "Needs a GPU probe": when a compute environment runs GPU workloads but the
 * probe had no GPU (GPU probes disabled, or no GPU capacity), the facts that
 * only real hardware can show (devices, a loaded driver, ecs-init's GPU file,
 * the GPUs the agent registers) become unknown with that reason, so every
 * rule reading them is INCONCLUSIVE, never a misleading FAIL. Facts that do
 * not need hardware (driver installed, NVIDIA runtime configured) stay.
 */
import type { Fact } from '../core/fact';
import { unknown } from '../core/fact';
import type { HostFacts } from '../core/host-facts';
import type { ComputeEnvironmentContext, JoinFacts } from '../core/subject';

export const DEFAULT_GPU_LIMITATION =
  'needs a GPU probe: the probe instance had no NVIDIA GPU, so rules that need GPU hardware cannot be judged';

/**
 * The GPU limitation that applies to a compute environment, if any: it runs
 * GPU workloads and the host facts show no NVIDIA device (which is also how a
 * cached record from a non-GPU probe is recognised).
 */
export function gpuLimitationFor(
  context: ComputeEnvironmentContext | undefined,
  host: HostFacts | undefined,
  planned?: string,
): string | undefined {
  if (!context?.gpu || !host) return undefined;
  const devices = host.gpu.nvidiaPciDevices;
  if (devices.known && devices.value > 0) return undefined;
  return planned ?? DEFAULT_GPU_LIMITATION;
}

export function applyGpuLimitation(
  host: HostFacts | undefined,
  join: JoinFacts | undefined,
  reason: string,
): { host: HostFacts | undefined; join: JoinFacts | undefined } {
  const mask = <T>(fact: Fact<T>): Fact<T> => unknown(reason, fact.from);
  return {
    host: host && {
      ...host,
      gpu: {
        ...host.gpu,
        nvidiaPciDevices: mask(host.gpu.nvidiaPciDevices),
        driverLoaded: mask(host.gpu.driverLoaded),
        driverVersion: mask(host.gpu.driverVersion),
        devices: mask(host.gpu.devices),
      },
      ecs: { ...host.ecs, gpuInfo: mask(host.ecs.gpuInfo) },
    },
    join: join && { ...join, gpuIds: mask(join.gpuIds) },
  };
}
