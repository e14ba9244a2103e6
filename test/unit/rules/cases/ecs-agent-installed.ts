import { fact, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023: ecs-init package, unit, container, cached image, live agent',
      subject: hostSubject('al2023'),
      message:
        /installed: package ecs-init 1\.106\.1-1\.amzn2023.*systemd unit ecs\.service.*introspection/,
      evidence: /cmd:rpm -q ecs-init ecs-init 1\.106\.1/,
    },
    {
      name: 'hand-written unit running the agent container',
      subject: hostSubject('hand-written-unit'),
      message: /systemd unit ecs-agent\.service \(\/etc\/systemd\/system\/ecs-agent\.service\)/,
    },
    {
      name: 'only an agent container',
      subject: hostSubject('no-agent', {
        ecs: {
          agentContainers: fact([
            {
              name: 'ecs-agent',
              image: 'amazon/amazon-ecs-agent:latest',
              running: true,
              restartPolicy: 'always',
            },
          ]),
        },
      }),
      message: /agent container ecs-agent \(amazon\/amazon-ecs-agent:latest/,
    },
    {
      name: 'only a cached agent image',
      subject: hostSubject('no-agent', {
        ecs: { cachedAgentImages: fact(['ecs-agent-v1.106.1.tar']) },
      }),
      message: /cached agent image ecs-agent-v1\.106\.1\.tar/,
    },
  ],
  fail: [
    {
      name: 'no agent of any kind',
      subject: hostSubject('no-agent'),
      message: /No ECS agent is installed: no ecs-init package or binary, no agent unit/,
      evidence: /cmd:rpm -q ecs-init not installed/,
    },
  ],
  inconclusive: [
    {
      name: 'nothing found but the units could not be listed',
      subject: hostSubject('no-agent', { ecs: { services: unknownFact('systemctl timed out') } }),
      message:
        /No ECS agent was found, but agent units \(systemctl timed out\) could not be checked/,
    },
  ],
};
