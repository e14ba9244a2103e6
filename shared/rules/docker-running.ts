import { agentLaunchOf } from '../core/derive/agent-launch';
import { evidenceOf } from '../core/evidence';
import type { HostFacts } from '../core/host-facts';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { noHostFacts } from './support/host-guard';

export const dockerRunning: Rule = {
  id: 'docker-running',
  title: 'The Docker daemon runs (or will start at boot)',
  scope: 'host',
  level: 'required',
  severity: 'high',
  spec: {
    quote:
      "A Docker daemon that's running at least version 1.9, and any Docker runtime dependencies.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'The ECS agent runs in, and starts job containers through, the Docker daemon: with no daemon at boot the agent cannot start and jobs stay RUNNABLE.',
  remediation:
    'Enable Docker at boot (`sudo systemctl enable --now docker`), or launch the agent with ecs.service, which pulls docker.service in. Check `journalctl -u docker` if it fails to start.',
  outcomes: {
    pass: 'The daemon answers now, or it is stopped (e.g. on a Packer build host) but enabled at boot, or the enabled ecs.service (which Wants=docker.service) starts it.',
    fail: 'Docker is not installed, or it is stopped and nothing starts it at boot.',
    inconclusive: 'Whether the daemon runs, or what starts it at boot, could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const { daemonRunning, daemonInstalled, enabledAtBoot } = host.docker;
    const evidence = evidenceOf(daemonRunning, (up) =>
      up ? 'daemon answers' : 'daemon does not answer',
    );
    if (daemonRunning.known && daemonRunning.value)
      return pass('The Docker daemon is running.', evidence);
    evidence.push(
      ...evidenceOf(daemonInstalled, (v) => (v ? 'dockerd installed' : 'dockerd not found')),
      ...evidenceOf(
        enabledAtBoot,
        (on) => `docker.service ${on ? 'enabled' : 'not enabled'} at boot`,
      ),
    );
    if (daemonInstalled.known && !daemonInstalled.value) {
      return fail('The Docker daemon is not installed (no dockerd).', evidence);
    }
    const state = daemonRunning.known
      ? 'is not running'
      : `state is unknown (${daemonRunning.reason})`;
    if (enabledAtBoot.known && enabledAtBoot.value) {
      return pass(
        `The Docker daemon ${state} now, but docker.service is enabled at boot.`,
        evidence,
      );
    }
    const pulledIn = ecsServicePullsDocker(host);
    evidence.push(...pulledIn.evidence);
    if (pulledIn.value) {
      return pass(
        `The Docker daemon ${state} now, but the enabled ecs.service wants docker.service, so it starts at boot.`,
        evidence,
      );
    }
    if (!daemonRunning.known || !enabledAtBoot.known || pulledIn.unknown) {
      return inconclusive(
        `The Docker daemon ${state}, and whether it starts at boot is unknown.`,
        evidence,
      );
    }
    return fail(
      'The Docker daemon is not running, and nothing starts it at boot (docker.service is not enabled).',
      evidence,
    );
  },
};

/** ecs.service runs ecs-init and declares `Wants=docker.service` (reference §3.2), so enabling it starts Docker. */
function ecsServicePullsDocker(host: HostFacts) {
  const launch = agentLaunchOf(host);
  if (!launch.known) return { value: false, unknown: true, evidence: launch.evidence };
  const service = launch.value?.service;
  const isEcsService =
    launch.value?.kind === 'ecs-init' &&
    service?.manager === 'systemd' &&
    service.name === 'ecs.service';
  if (!isEcsService) return { value: false, unknown: false, evidence: [] };
  const { enabledAtBoot } = service;
  return {
    value: enabledAtBoot.known && enabledAtBoot.value,
    unknown: !enabledAtBoot.known,
    evidence: evidenceOf(
      enabledAtBoot,
      (on) => `ecs.service ${on ? 'enabled' : 'not enabled'} at boot`,
    ),
  };
}
