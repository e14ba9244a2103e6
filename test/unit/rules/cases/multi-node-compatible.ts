import { computeEnvironment, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const multiNode = { context: computeEnvironment({ multiNode: true }) };

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 with ecs-init',
      subject: hostSubject('al2023'),
      message:
        /Amazon Linux 2023\.12\.20260817 with ecs-init 1\.106\.1-1\.amzn2023 \(rpm\) can run multi-node/,
      level: 'advisory',
    },
    {
      name: 'official AL2',
      subject: hostSubject('al2'),
      message: /Amazon Linux 2 with ecs-init/,
    },
  ],
  fail: [
    {
      name: 'Ubuntu with amazon-ecs-init: advisory when the CE runs no multi-node jobs',
      subject: hostSubject('ubuntu-ecs-init'),
      message: /Ubuntu 22\.04\.5 LTS is not Amazon Linux/,
      evidence: /file:\/etc\/os-release ubuntu/,
      level: 'advisory',
    },
    {
      name: 'required when the CE runs multi-node jobs',
      subject: hostSubject('ubuntu-ecs-init', {}, multiNode),
      message: /is not Amazon Linux/,
      level: 'required',
    },
    {
      name: 'Amazon Linux without ecs-init',
      subject: hostSubject('no-agent', {}, multiNode),
      message: /Amazon Linux 2023\.12\.20260817 has no ecs-init package installed/,
      level: 'required',
    },
  ],
  inconclusive: [
    {
      name: 'OS unknown',
      subject: hostSubject('al2023', { os: { id: unknownFact('no /etc/os-release') } }),
      message: /OS is unknown: no \/etc\/os-release/,
    },
    {
      name: 'packages unknown',
      subject: hostSubject('al2023', {
        ecs: { ecsInitPackage: unknownFact('rpm database locked') },
      }),
      message: /Whether ecs-init is installed is unknown: rpm database locked/,
    },
  ],
};
