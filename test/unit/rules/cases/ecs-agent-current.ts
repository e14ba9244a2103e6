import { fact, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const ssm = 'ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended';

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 at the built-in baseline',
      subject: hostSubject('al2023'),
      message:
        /ECS agent 1\.106\.1 \(from the running agent\) is at least 1\.106\.1 \(built-in: amazon-ecs-ami release 20260820\)/,
      evidence: /baseline:built-in: amazon-ecs-ami release 20260820 ecs agent 1\.106\.1/,
    },
    {
      name: 'newer than a given baseline',
      subject: hostSubject('al2023', {}, { baseline: { source: ssm, ecsAgentVersion: '1.100.0' } }),
      message: /at least 1\.100\.0 \(ssm:/,
    },
    {
      name: 'no live agent: the ecs-init package version is used',
      subject: hostSubject('al2023', { ecs: { introspection: fact(null) } }),
      message: /1\.106\.1 \(from the ecs-init package\)/,
    },
  ],
  fail: [
    {
      name: 'AL1 agent 1.51.0',
      subject: hostSubject('al1-upstart'),
      message:
        /ECS agent 1\.51\.0 \(from the running agent\) is 55 minor versions behind 1\.106\.1/,
    },
    {
      name: 'one patch behind a given baseline',
      subject: hostSubject('al2023', {}, { baseline: { source: ssm, ecsAgentVersion: '1.106.2' } }),
      message: /is 1 patch version behind 1\.106\.2, the latest per ssm:/,
    },
    {
      name: 'only a cached image names the version',
      subject: hostSubject('no-agent', {
        ecs: { cachedAgentImages: fact(['ecs-agent-v1.99.0.tar', 'ecs-agent.tar']) },
      }),
      message: /1\.99\.0 \(from the cached agent image\) is 7 minor versions behind/,
    },
  ],
  inconclusive: [
    {
      name: 'no source names a version',
      subject: hostSubject('no-agent'),
      message: /No source names the ECS agent version/,
    },
    {
      name: 'sources unreadable',
      subject: hostSubject('no-agent', { ecs: { introspection: unknownFact('curl missing') } }),
      message: /agent version is unknown: curl missing/,
    },
  ],
};
