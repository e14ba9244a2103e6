import { agentSetting } from '../core/derive/agent-environment';
import { runtimeRegistrations } from '../core/derive/docker';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { GPU_NOT_APPLICABLE, GPU_SPEC, gpuSubject } from './support/gpu-guard';
import { describeSource } from './support/sources';

const RUNTIME_KEY = 'ECS_NVIDIA_RUNTIME';
/** The agent's default for ECS_NVIDIA_RUNTIME. */
const DEFAULT_RUNTIME = 'nvidia';

export const gpuNvidiaRuntime: Rule = {
  id: 'gpu-nvidia-runtime',
  title: 'Docker has the NVIDIA runtime the ECS agent asks for',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: GPU_SPEC,
  impact:
    'The agent starts every GPU container with the runtime named by ECS_NVIDIA_RUNTIME (default "nvidia"); if Docker has no runtime by that name, GPU jobs fail to start.',
  remediation:
    'Install nvidia-container-toolkit and register the runtime: on Amazon Linux put an executable /etc/docker-runtimes.d/nvidia (`exec /usr/bin/nvidia-container-runtime "$@"`); elsewhere run `sudo nvidia-ctk runtime configure --runtime=docker` (adds it to /etc/docker/daemon.json) and restart Docker. A default-runtime is not needed.',
  outcomes: {
    pass: 'A runtime with the name the agent uses is registered: in `docker info`, in /etc/docker/daemon.json `runtimes`, or (Amazon Linux) in /etc/docker-runtimes.d. `default-runtime` is not required.',
    fail: 'No runtime by that name is registered anywhere.',
    inconclusive:
      'The runtime name the agent uses, or where Docker registers runtimes, could not be read.',
    notApplicable: GPU_NOT_APPLICABLE,
  },
  check(subject) {
    const gpu = gpuSubject(subject);
    if (!gpu.applies) return gpu.result;
    const configured = agentSetting(gpu.host, RUNTIME_KEY);
    if (!configured.known) {
      return inconclusive(
        `The runtime name the agent uses is unknown: ${configured.reason}`,
        configured.evidence,
      );
    }
    const setting = configured.value?.setting;
    // Blank counts as unset: the agent merges its default over empty values.
    const name = setting?.value || DEFAULT_RUNTIME;
    const named = setting?.value ? ` (${RUNTIME_KEY} in ${describeSource(setting.source)})` : '';
    const found = runtimeRegistrations(gpu.host, name);
    const evidence = [...configured.evidence, ...found.evidence];
    if (!found.known) {
      return inconclusive(
        `Whether Docker has a runtime named "${name}" is unknown: ${found.reason}`,
        evidence,
      );
    }
    if (found.value.length === 0) {
      return fail(
        `No Docker runtime named "${name}"${named} is registered: not in docker info, /etc/docker/daemon.json or /etc/docker-runtimes.d.`,
        evidence,
      );
    }
    return pass(
      `Docker runtime "${name}"${named} is registered (${found.value.join(', ')}).`,
      evidence,
    );
  },
};
