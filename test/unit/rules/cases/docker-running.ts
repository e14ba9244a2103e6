import {
  ECS_SERVICE,
  fact,
  HAND_WRITTEN_UNIT,
  hostSubject,
  unknownFact,
} from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const stopped = { daemonRunning: fact(false, 'cmd:docker info') };

export const cases: RuleCases = {
  pass: [
    {
      name: 'daemon answers',
      subject: hostSubject('al2023'),
      message: /The Docker daemon is running/,
      evidence: /cmd:docker info daemon answers/,
    },
    {
      name: 'stopped but enabled at boot',
      subject: hostSubject('ubuntu-ecs-init', { docker: stopped }),
      message: /is not running now, but docker\.service is enabled at boot/,
    },
    {
      name: 'stopped on an AMI build host: the enabled ecs.service wants docker.service',
      subject: hostSubject('al2023', { docker: stopped }),
      message: /the enabled ecs\.service wants docker\.service, so it starts at boot/,
    },
  ],
  fail: [
    {
      name: 'stopped, not enabled, and the agent unit is hand-written',
      subject: hostSubject('hand-written-unit', {
        docker: { ...stopped, enabledAtBoot: fact(false) },
      }),
      message: /not running, and nothing starts it at boot/,
    },
    {
      name: 'ecs.service disabled does not pull Docker in',
      subject: hostSubject('al2023', {
        docker: stopped,
        ecs: { services: fact([{ ...ECS_SERVICE, enabledAtBoot: fact(false) }]) },
      }),
      message: /not running, and nothing starts it at boot/,
    },
    {
      name: 'dockerd not installed',
      subject: hostSubject('al2023', { docker: { ...stopped, daemonInstalled: fact(false) } }),
      message: /not installed \(no dockerd\)/,
    },
  ],
  inconclusive: [
    {
      name: 'state and boot enablement unknown',
      subject: hostSubject('hand-written-unit', {
        docker: {
          daemonRunning: unknownFact('docker timed out'),
          enabledAtBoot: unknownFact('no systemctl'),
        },
      }),
      message: /state is unknown \(docker timed out\).*whether it starts at boot is unknown/,
    },
    {
      name: 'stopped, ecs.service enablement unknown',
      subject: hostSubject('al2023', {
        docker: stopped,
        ecs: { services: fact([{ ...ECS_SERVICE, enabledAtBoot: unknownFact() }]) },
      }),
      message: /not running, and whether it starts at boot is unknown/,
    },
    {
      name: 'stopped, hand-written unit, Docker boot state unknown',
      subject: hostSubject('hand-written-unit', {
        docker: { ...stopped, enabledAtBoot: unknownFact() },
        ecs: { services: fact([HAND_WRITTEN_UNIT]) },
      }),
      message: /whether it starts at boot is unknown/,
    },
  ],
};
