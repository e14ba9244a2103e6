import { agentSetting } from '../core/derive/agent-environment';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { GPU_NOT_APPLICABLE, GPU_SPEC, gpuSubject } from './support/gpu-guard';
import { describeLauncher, describeSource } from './support/sources';

const GPU_KEY = 'ECS_ENABLE_GPU_SUPPORT';
/** Go's strconv.ParseBool true values, which the agent accepts; ecs-init itself checks for exactly `true`. */
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

export const gpuEcsSupportEnabled: Rule = {
  id: 'gpu-ecs-support-enabled',
  title: 'ECS GPU support is enabled (ECS_ENABLE_GPU_SUPPORT=true)',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: GPU_SPEC,
  impact:
    'Without ECS_ENABLE_GPU_SUPPORT=true, ecs-init does not write /var/lib/ecs/gpu/nvidia-gpu-info.json and the agent registers no GPUs: jobs that request GPUs stay RUNNABLE.',
  remediation:
    'Add ECS_ENABLE_GPU_SUPPORT=true to /var/lib/ecs/ecs.config (as the ECS GPU-optimized AMI does) or to /etc/ecs/ecs.config, and make sure no later file sets it to false.',
  outcomes: {
    pass: 'The effective ECS_ENABLE_GPU_SUPPORT is true: set in /var/lib/ecs/ecs.config or /etc/ecs/ecs.config (the latter wins) under ecs-init, or passed to a hand-launched agent.',
    fail: 'It is unset, set to something other than true, or no agent is launched.',
    inconclusive: 'A config file that could set it could not be read.',
    notApplicable: GPU_NOT_APPLICABLE,
  },
  check(subject) {
    const gpu = gpuSubject(subject);
    if (!gpu.applies) return gpu.result;
    const found = agentSetting(gpu.host, GPU_KEY);
    if (!found.known) return inconclusive(`${GPU_KEY} is unknown: ${found.reason}`, found.evidence);
    if (!found.value) {
      return fail(
        `No ECS agent is launched on this host, so nothing reads ${GPU_KEY}.`,
        found.evidence,
      );
    }
    const { launcher, setting } = found.value;
    if (!setting) {
      const where =
        launcher === 'ecs-init'
          ? 'neither /var/lib/ecs/ecs.config nor /etc/ecs/ecs.config sets it'
          : `it is not in the environment ${describeLauncher(launcher)} gives the agent`;
      return fail(`${GPU_KEY} is not set: ${where}.`, found.evidence);
    }
    const enabled = launcher === 'ecs-init' ? setting.value === 'true' : GO_TRUE.has(setting.value);
    const where = describeSource(setting.source);
    return enabled
      ? pass(`${GPU_KEY}=${setting.value} in ${where}.`, found.evidence)
      : fail(`${where} sets ${GPU_KEY}=${setting.value}; GPU support needs true.`, found.evidence);
  },
};
