import {
  envFile,
  fact,
  GPU_CE,
  hostSubject,
  unknownFact,
} from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const runc = fact(['io.containerd.runc.v2', 'runc'], 'cmd:docker info');
const ubuntuGpu = {
  gpu: { nvidiaPciDevices: fact(1), driverLoaded: fact(true), driverVersion: fact('580.159.04') },
};

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 GPU: docker info and /etc/docker-runtimes.d',
      subject: hostSubject('al2023-gpu'),
      message: /Docker runtime "nvidia" is registered \(docker info, docker-runtimes\.d\)/,
      evidence: /cmd:docker info io\.containerd\.runc\.v2, nvidia, runc/,
    },
    {
      name: 'registered only through /etc/docker-runtimes.d/nvidia (daemon stopped)',
      subject: hostSubject('al2023-gpu', { docker: { runtimes: runc } }),
      message: /"nvidia" is registered \(docker-runtimes\.d\)/,
    },
    {
      name: 'Ubuntu with nvidia-ctk: daemon.json runtimes, no default-runtime',
      subject: hostSubject('ubuntu-ecs-init', {
        ...ubuntuGpu,
        docker: {
          daemonJson: fact({
            runtimes: { nvidia: { path: 'nvidia-container-runtime', args: [] } },
          }),
        },
      }),
      message: /"nvidia" is registered \(daemon\.json\)/,
    },
    {
      name: 'ECS_NVIDIA_RUNTIME names another runtime, which is registered',
      subject: hostSubject('al2023-gpu', {
        ecs: { etcConfig: envFile('/etc/ecs/ecs.config', { ECS_NVIDIA_RUNTIME: 'nvidia-cdi' }) },
        docker: { runtimes: fact(['nvidia-cdi', 'runc']) },
      }),
      message:
        /"nvidia-cdi" \(ECS_NVIDIA_RUNTIME in \/etc\/ecs\/ecs\.config\) is registered \(docker info\)/,
    },
  ],
  fail: [
    {
      name: 'GPU host without any NVIDIA runtime',
      subject: hostSubject('al2023-gpu', { docker: { runtimes: runc, runtimesDir: fact([]) } }),
      message:
        /No Docker runtime named "nvidia" is registered: not in docker info, \/etc\/docker\/daemon\.json or \/etc\/docker-runtimes\.d/,
    },
    {
      name: '/etc/docker-runtimes.d does nothing outside Amazon Linux',
      subject: hostSubject('ubuntu-ecs-init', {
        ...ubuntuGpu,
        docker: { runtimesDir: fact(['nvidia']) },
      }),
      message: /No Docker runtime named "nvidia"/,
    },
    {
      name: 'ECS_NVIDIA_RUNTIME names a runtime that is not registered',
      subject: hostSubject('al2023-gpu', {
        ecs: { etcConfig: envFile('/etc/ecs/ecs.config', { ECS_NVIDIA_RUNTIME: 'nvidia-cdi' }) },
      }),
      message:
        /No Docker runtime named "nvidia-cdi" \(ECS_NVIDIA_RUNTIME in \/etc\/ecs\/ecs\.config\)/,
    },
  ],
  inconclusive: [
    {
      name: '/etc/ecs/ecs.config unreadable: the runtime name is unknown',
      subject: hostSubject('al2023-gpu', { ecs: { etcConfig: unknownFact('permission denied') } }),
      message:
        /runtime name the agent uses is unknown: ECS_NVIDIA_RUNTIME is unknown: permission denied/,
    },
    {
      name: 'runtimes unreadable',
      subject: hostSubject('al2023-gpu', {
        docker: { runtimes: unknownFact('docker info failed'), runtimesDir: fact([]) },
      }),
      message: /Whether Docker has a runtime named "nvidia" is unknown: docker info failed/,
    },
  ],
  notApplicable: [
    { name: 'non-GPU host', subject: hostSubject('al2023'), message: /No GPU workloads/ },
    {
      name: 'GPU CE context is what makes it apply',
      subject: hostSubject('al2023', {}, { context: { ...GPU_CE, gpu: false } }),
      message: /runs no GPU workloads/,
    },
  ],
};
