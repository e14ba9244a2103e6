import { describe, expect, it } from 'vitest';
import { agentLaunchOf, classifyService } from '../../../../shared/core/derive/agent-launch';
import {
  ECS_SERVICE,
  fact,
  HAND_WRITTEN_UNIT,
  hostFacts,
  service,
  unknownFact,
} from '../../../support/host-facts-builder';

const unit = (exec: string) =>
  service({ name: 'x.service', path: '/etc/systemd/system/x.service', exec: [exec] });

describe('classifyService', () => {
  it.each([
    ['ecs.service (ecs-init)', ECS_SERVICE, 'ecs-init'],
    [
      'the upstart job running ecs-init',
      unit('exec /usr/libexec/amazon-ecs-init start'),
      'ecs-init',
    ],
    ['a unit running the agent image', HAND_WRITTEN_UNIT, 'unit-container'],
    [
      'a unit running the agent binary',
      unit('/usr/local/bin/amazon-ecs-agent --loglevel info'),
      'unit-binary',
    ],
    ['a unit running a script', unit('/opt/start-agent.sh'), 'unit-other'],
    ['a docker run of another image', unit('docker run busybox'), 'unit-other'],
  ])('%s', (_, svc, kind) => {
    expect(classifyService(svc).kind).toBe(kind);
  });
});

describe('agentLaunchOf', () => {
  it('official AL2023: ecs-init through ecs.service', () => {
    const launch = agentLaunchOf(hostFacts('al2023'));
    expect(launch.known && launch.value).toMatchObject({
      kind: 'ecs-init',
      service: { name: 'ecs.service' },
    });
  });

  it('prefers the unit enabled at boot over a disabled ecs.service', () => {
    const disabled = { ...ECS_SERVICE, enabledAtBoot: fact(false) };
    const launch = agentLaunchOf(
      hostFacts('al2023', { ecs: { services: fact([disabled, HAND_WRITTEN_UNIT]) } }),
    );
    expect(launch.known && launch.value?.service?.name).toBe('ecs-agent.service');
  });

  it('a bare container when nothing else launches the agent', () => {
    const container = { name: 'ecs-agent', image: 'amazon/amazon-ecs-agent:latest', running: true };
    const launch = agentLaunchOf(
      hostFacts('no-agent', { ecs: { agentContainers: fact([container]) } }),
    );
    expect(launch.known && launch.value).toEqual({ kind: 'container', container });
  });

  it('null when nothing launches an agent', () => {
    expect(agentLaunchOf(hostFacts('no-agent'))).toMatchObject({ known: true, value: null });
  });

  it('unknown, not null, when the units could not be listed', () => {
    const launch = agentLaunchOf(
      hostFacts('no-agent', { ecs: { services: unknownFact('systemctl failed') } }),
    );
    expect(launch).toMatchObject({
      known: false,
      reason: expect.stringContaining('systemctl failed'),
    });
  });
});
