import { fact, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const ssm = 'ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended';

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 Docker 25.0.16',
      subject: hostSubject('al2023'),
      message: /Docker 25\.0\.16 is the 25\.0 series tested with the ECS agent/,
      evidence: /baseline:built-in: amazon-ecs-ami release 20260820 docker 25\.0\.16/,
    },
    {
      name: 'an older patch of the same series',
      subject: hostSubject('al2023', { docker: { serverVersion: fact('25.0.6') } }),
      message: /Docker 25\.0\.6 is the 25\.0 series/,
    },
  ],
  fail: [
    {
      name: 'Ubuntu docker.io 27.5',
      subject: hostSubject('ubuntu-ecs-init'),
      message: /Docker 27\.5\.1 is not the 25\.0 series tested with the ECS agent \(25\.0\.16/,
    },
    {
      name: 'a given baseline',
      subject: hostSubject('al2023', {}, { baseline: { source: ssm, dockerVersion: '27.5.1' } }),
      message: /Docker 25\.0\.16 is not the 27\.5 series .*\(27\.5\.1, ssm:/,
    },
    {
      name: 'Docker not installed',
      subject: hostSubject('al2023', {
        docker: {
          clientVersion: fact(null),
          serverVersion: fact(null),
          daemonInstalled: fact(false),
        },
      }),
      message: /Docker is not installed; the tested version is 25\.0\.16/,
    },
  ],
  inconclusive: [
    {
      name: 'version unknown',
      subject: hostSubject('al2023', {
        docker: { clientVersion: unknownFact('timeout'), serverVersion: unknownFact('timeout') },
      }),
      message: /Docker version is unknown/,
    },
  ],
};
