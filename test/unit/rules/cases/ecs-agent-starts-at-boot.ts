import {
  ECS_SERVICE,
  fact,
  hostSubject,
  service,
  unknownFact,
} from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const container = (restartPolicy: string | undefined, running = true) =>
  fact([
    {
      name: 'ecs-agent',
      image: 'amazon/amazon-ecs-agent:latest',
      running,
      ...(restartPolicy ? { restartPolicy } : {}),
    },
  ]);

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023: ecs.service enabled',
      subject: hostSubject('al2023'),
      message:
        /systemd unit ecs\.service \(\/usr\/lib\/systemd\/system\/ecs\.service\) is enabled at boot/,
      evidence: /ecs\.service enabled at boot/,
    },
    {
      name: 'AL1: upstart job with a start on stanza',
      subject: hostSubject('al1-upstart'),
      message: /upstart job ecs \(\/etc\/init\/ecs\.conf\) is enabled at boot/,
    },
    {
      name: 'agent container with restart=always and Docker enabled at boot',
      subject: hostSubject('no-agent', { ecs: { agentContainers: container('always') } }),
      message: /container ecs-agent \(restart=always\) comes back when Docker starts at boot/,
    },
    {
      name: 'running agent container with restart=unless-stopped',
      subject: hostSubject('no-agent', { ecs: { agentContainers: container('unless-stopped') } }),
      message: /restart=unless-stopped\) comes back/,
    },
  ],
  fail: [
    {
      name: 'ecs.service installed but disabled',
      subject: hostSubject('al2023', {
        ecs: { services: fact([{ ...ECS_SERVICE, enabledAtBoot: fact(false) }]) },
      }),
      message:
        /Nothing starts the ECS agent at boot: systemd unit ecs\.service .* is installed but not enabled at boot/,
    },
    {
      name: 'restart=always container but Docker not enabled at boot',
      subject: hostSubject('no-agent', {
        ecs: { agentContainers: container('always') },
        docker: { enabledAtBoot: fact(false) },
      }),
      message: /restarts with Docker, but Docker is not enabled at boot/,
    },
    {
      name: 'unless-stopped container that was stopped',
      subject: hostSubject('no-agent', {
        ecs: { agentContainers: container('unless-stopped', false) },
      }),
      message: /was stopped, so Docker will not restart it/,
    },
    {
      name: 'no agent at all',
      subject: hostSubject('no-agent'),
      message: /no unit, job or agent container launches it/,
    },
  ],
  inconclusive: [
    {
      name: 'enablement of ecs.service unknown',
      subject: hostSubject('al2023', {
        ecs: {
          services: fact([
            { ...ECS_SERVICE, enabledAtBoot: unknownFact('systemctl is-enabled failed') },
          ]),
        },
      }),
      message: /whether systemd unit ecs\.service .* is enabled \(systemctl is-enabled failed\)/,
    },
    {
      name: 'restart=always container, Docker boot state unknown',
      subject: hostSubject('no-agent', {
        ecs: { agentContainers: container('always') },
        docker: { enabledAtBoot: unknownFact('no systemctl') },
      }),
      message: /whether Docker starts at boot \(no systemctl\)/,
    },
    {
      name: 'container restart policy not inspected',
      subject: hostSubject('no-agent', { ecs: { agentContainers: container(undefined) } }),
      message: /the restart policy of container ecs-agent/,
    },
    {
      name: 'hand-written unit disabled, enablement of another unknown',
      subject: hostSubject('hand-written-unit', {
        ecs: {
          services: fact([
            service({
              name: 'a.service',
              path: '/etc/systemd/system/a.service',
              enabledAtBoot: fact(false),
            }),
            service({
              name: 'b.service',
              path: '/etc/systemd/system/b.service',
              enabledAtBoot: unknownFact(),
            }),
          ]),
        },
      }),
      message: /whether systemd unit b\.service/,
    },
  ],
};
