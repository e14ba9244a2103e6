import {
  absentFile,
  envFile,
  GPU_CE,
  hostSubject,
  unknownFact,
} from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const VAR_LIB = '/var/lib/ecs/ecs.config';
const ETC = '/etc/ecs/ecs.config';

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 GPU: only in /var/lib/ecs/ecs.config',
      subject: hostSubject('al2023-gpu'),
      message: /ECS_ENABLE_GPU_SUPPORT=true in \/var\/lib\/ecs\/ecs\.config/,
      evidence: /file:\/etc\/ecs\/ecs\.config ECS_ENABLE_GPU_SUPPORT not set/,
    },
    {
      name: 'only in /etc/ecs/ecs.config',
      subject: hostSubject('al2023-gpu', {
        ecs: {
          varLibConfig: absentFile(VAR_LIB),
          etcConfig: envFile(ETC, { ECS_ENABLE_GPU_SUPPORT: 'true' }),
        },
      }),
      message: /=true in \/etc\/ecs\/ecs\.config/,
    },
  ],
  fail: [
    {
      name: 'set in neither file',
      subject: hostSubject('al2023-gpu', { ecs: { varLibConfig: absentFile(VAR_LIB) } }),
      message:
        /ECS_ENABLE_GPU_SUPPORT is not set: neither \/var\/lib\/ecs\/ecs\.config nor \/etc\/ecs\/ecs\.config sets it/,
    },
    {
      name: '/etc/ecs/ecs.config turns it off over /var/lib/ecs/ecs.config',
      subject: hostSubject('al2023-gpu', {
        ecs: { etcConfig: envFile(ETC, { ECS_ENABLE_GPU_SUPPORT: 'false' }) },
      }),
      message: /\/etc\/ecs\/ecs\.config sets ECS_ENABLE_GPU_SUPPORT=false; GPU support needs true/,
    },
    {
      name: 'GPU CE and no agent at all',
      subject: hostSubject('no-agent', {}, { context: GPU_CE }),
      message: /No ECS agent is launched on this host, so nothing reads ECS_ENABLE_GPU_SUPPORT/,
    },
  ],
  inconclusive: [
    {
      name: '/etc/ecs/ecs.config unreadable',
      subject: hostSubject('al2023-gpu', { ecs: { etcConfig: unknownFact('permission denied') } }),
      message: /ECS_ENABLE_GPU_SUPPORT is unknown: permission denied/,
    },
  ],
  notApplicable: [
    { name: 'non-GPU host', subject: hostSubject('al2023'), message: /No GPU workloads/ },
  ],
};
