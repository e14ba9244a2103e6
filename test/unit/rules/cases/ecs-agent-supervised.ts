import {
  fact,
  HAND_WRITTEN_UNIT,
  hostSubject,
  unknownFact,
} from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const noRestartContainer = fact([
  {
    name: 'ecs-agent',
    image: 'amazon/amazon-ecs-agent:latest',
    running: true,
    restartPolicy: 'no',
  },
]);

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023: ecs-init',
      subject: hostSubject('al2023'),
      message: /ecs\.service .* runs ecs-init, which supervises the agent container/,
    },
    {
      name: 'hand-written unit with Restart=',
      subject: hostSubject('hand-written-unit', { ecs: { agentContainers: noRestartContainer } }),
      message: /ecs-agent\.service .* restarts the agent \(Restart=\)/,
    },
    {
      name: 'a container with restart=always and no unit',
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
      message: /Docker restarts container ecs-agent \(restart=always\)/,
    },
  ],
  fail: [
    {
      name: 'hand-written unit without Restart= and a container without restart policy',
      subject: hostSubject('hand-written-unit', {
        ecs: {
          services: fact([{ ...HAND_WRITTEN_UNIT, restarts: fact(false) }]),
          agentContainers: noRestartContainer,
        },
      }),
      message:
        /Nothing restarts the ECS agent if it exits: systemd unit ecs-agent\.service .* has no Restart=\/respawn/,
    },
    {
      name: 'no agent at all',
      subject: hostSubject('no-agent'),
      message: /no unit, job or container runs it/,
    },
  ],
  inconclusive: [
    {
      name: 'restart setting of a hand-written unit unknown',
      subject: hostSubject('hand-written-unit', {
        ecs: {
          services: fact([{ ...HAND_WRITTEN_UNIT, restarts: unknownFact('unit file unreadable') }]),
          agentContainers: noRestartContainer,
        },
      }),
      message:
        /whether systemd unit ecs-agent\.service .* restarts the agent \(unit file unreadable\)/,
    },
  ],
};
