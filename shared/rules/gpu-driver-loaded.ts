import { evidenceOf } from '../core/evidence';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { GPU_NOT_APPLICABLE, GPU_SPEC, gpuSubject } from './support/gpu-guard';

export const gpuDriverLoaded: Rule = {
  id: 'gpu-driver-loaded',
  title: 'The NVIDIA driver is loaded',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: GPU_SPEC,
  impact:
    'Without the NVIDIA driver, ecs-init cannot read the GPUs through NVML, the agent registers no GPU resource, and jobs that request GPUs stay RUNNABLE.',
  remediation:
    'Use the ECS GPU-optimized AMI (ECS_AL2023_NVIDIA), or install the NVIDIA driver matching the kernel (DKMS) and make sure the module loads at boot (`nvidia-smi` must list the GPUs).',
  outcomes: {
    pass: 'The nvidia kernel module is loaded and reports a driver version.',
    fail: 'The host has NVIDIA GPUs but no nvidia module loaded.',
    inconclusive:
      'The compute environment needs GPUs but the probe host has none (a GPU probe is needed; the message says whether the driver is at least installed), or the driver state could not be read.',
    notApplicable: GPU_NOT_APPLICABLE,
  },
  check(subject) {
    const gpu = gpuSubject(subject);
    if (!gpu.applies) return gpu.result;
    const { driverInstalled, driverLoaded, driverVersion, devices } = gpu.host.gpu;
    const evidence = [
      ...gpu.evidence,
      ...evidenceOf(driverVersion, (v) => v ?? 'no driver version'),
      ...evidenceOf(
        devices,
        (list) => list.map((d) => `${d.index}: ${d.name}`).join(', ') || 'no devices',
      ),
    ];
    if (gpu.scope.hardware === false) {
      evidence.push(
        ...evidenceOf(driverInstalled, (v) =>
          v ? 'nvidia driver installed' : 'no nvidia driver installed',
        ),
      );
      const installed = !driverInstalled.known
        ? `whether the driver is installed is unknown (${driverInstalled.reason})`
        : driverInstalled.value
          ? 'the NVIDIA driver is installed'
          : 'the NVIDIA driver is not even installed';
      return inconclusive(
        `This needs a GPU probe: ${gpu.scope.why}, but the probe host has no NVIDIA GPU, so the driver cannot load; ${installed}.`,
        evidence,
      );
    }
    if (!driverLoaded.known)
      return inconclusive(
        `Whether the NVIDIA driver is loaded is unknown: ${driverLoaded.reason}`,
        evidence,
      );
    if (!driverLoaded.value) {
      return fail('The host has NVIDIA GPUs, but no nvidia kernel module is loaded.', evidence);
    }
    if (!driverVersion.known || !driverVersion.value) {
      return inconclusive(
        'The nvidia module is loaded, but no driver version could be read from it.',
        evidence,
      );
    }
    return pass(`NVIDIA driver ${driverVersion.value} is loaded.`, evidence);
  },
};
