import { describeService } from '../core/derive/agent-launch';
import { evidenceOf } from '../core/evidence';
import type { HostFacts } from '../core/host-facts';
import { type Evidence, fail, inconclusive, pass, type Rule } from '../core/rule';
import { noHostFacts } from './support/host-guard';

/** Docker restart policies that bring a container back when the daemon starts at boot. */
const BOOT_RESTART_POLICIES = new Set(['always', 'unless-stopped']);

export const ecsAgentStartsAtBoot: Rule = {
  id: 'ecs-agent-starts-at-boot',
  title: 'The ECS agent starts at boot',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      "At a minimum, managed compute environments require the Amazon ECS agent to start at boot. If the Amazon ECS agent isn't running on your compute resource, then it can't accept jobs from AWS Batch.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Instances launched from the AMI boot without an agent: they never join the cluster, the compute environment keeps paying for them, and jobs stay RUNNABLE.',
  remediation:
    'Enable the unit that launches the agent before creating the AMI: `sudo systemctl enable ecs` (ecs-init on AL2/AL2023, or your own unit), or give an upstart job a `start on` stanza. For an agent container run without a unit, use `--restart=always` and `sudo systemctl enable docker`.',
  outcomes: {
    pass: 'A unit or job that launches the agent is enabled at boot, or the agent container has restart policy `always` (or `unless-stopped` and running) and Docker is enabled at boot.',
    fail: 'Nothing that launches the agent is enabled at boot.',
    inconclusive:
      'Nothing was found enabled, but whether some unit is enabled (or whether Docker is) could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const found = bootStarters(host);
    if (found.starters.length > 0) {
      return pass(`The ECS agent starts at boot: ${found.starters.join('; ')}.`, found.evidence);
    }
    if (found.unknowns.length > 0) {
      return inconclusive(
        `Nothing was found that starts the ECS agent at boot, but ${found.unknowns.join('; ')} could not be read.`,
        found.evidence,
      );
    }
    const why =
      found.blocked.length > 0
        ? found.blocked.join('; ')
        : 'no unit, job or agent container launches it';
    return fail(`Nothing starts the ECS agent at boot: ${why}.`, found.evidence);
  },
};

interface BootStarters {
  /** What starts the agent at boot. */
  readonly starters: string[];
  /** Launchers that exist but do not start at boot, and why. */
  readonly blocked: string[];
  readonly unknowns: string[];
  readonly evidence: Evidence[];
}

function bootStarters(host: HostFacts): BootStarters {
  const { services, agentContainers } = host.ecs;
  const result: BootStarters = { starters: [], blocked: [], unknowns: [], evidence: [] };
  if (services.known) {
    for (const service of services.value) {
      const { enabledAtBoot } = service;
      result.evidence.push(
        ...evidenceOf(
          enabledAtBoot,
          (on) => `${service.name} ${on ? 'enabled' : 'not enabled'} at boot`,
        ),
      );
      const label = describeService(service);
      if (!enabledAtBoot.known)
        result.unknowns.push(`whether ${label} is enabled (${enabledAtBoot.reason})`);
      else if (enabledAtBoot.value) result.starters.push(`${label} is enabled at boot`);
      else result.blocked.push(`${label} is installed but not enabled at boot`);
    }
  } else {
    result.evidence.push(...evidenceOf(services));
    result.unknowns.push(`the agent units (${services.reason})`);
  }
  if (!agentContainers.known) {
    result.evidence.push(...evidenceOf(agentContainers));
    result.unknowns.push(`the agent containers (${agentContainers.reason})`);
    return result;
  }
  for (const container of agentContainers.value) containerAtBoot(host, container, result);
  return result;
}

function containerAtBoot(
  host: HostFacts,
  container: { name: string; running: boolean; restartPolicy?: string | undefined },
  result: BootStarters,
): void {
  const policy = container.restartPolicy ?? 'unknown';
  result.evidence.push({
    source: `cmd:docker inspect ${container.name}`,
    observed: `restart=${policy}, ${container.running ? 'running' : 'stopped'}`,
  });
  if (container.restartPolicy === undefined) {
    result.unknowns.push(`the restart policy of container ${container.name}`);
    return;
  }
  if (!BOOT_RESTART_POLICIES.has(policy)) return;
  const label = `container ${container.name} (restart=${policy})`;
  // Docker does not restart an `unless-stopped` container that was stopped by hand.
  if (policy === 'unless-stopped' && !container.running) {
    result.blocked.push(`${label} was stopped, so Docker will not restart it`);
    return;
  }
  const dockerBoot = host.docker.enabledAtBoot;
  result.evidence.push(
    ...evidenceOf(dockerBoot, (on) => `docker.service ${on ? 'enabled' : 'not enabled'} at boot`),
  );
  if (!dockerBoot.known)
    result.unknowns.push(`whether Docker starts at boot (${dockerBoot.reason})`);
  else if (dockerBoot.value) result.starters.push(`${label} comes back when Docker starts at boot`);
  else result.blocked.push(`${label} restarts with Docker, but Docker is not enabled at boot`);
}
