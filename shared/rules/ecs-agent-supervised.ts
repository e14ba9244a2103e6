import { classifyService, describeService } from '../core/derive/agent-launch';
import { evidenceOf } from '../core/evidence';
import { type Evidence, fail, inconclusive, pass, type Rule } from '../core/rule';
import { noHostFacts } from './support/host-guard';

/** Docker restart policies that restart a container that exits. */
const RESTARTING_POLICIES = new Set(['always', 'unless-stopped', 'on-failure']);

export const ecsAgentSupervised: Rule = {
  id: 'ecs-agent-supervised',
  title: 'A nanny process restarts the ECS agent',
  scope: 'host',
  level: 'recommended',
  severity: 'medium',
  spec: {
    quote:
      'An initialization and nanny process to run and monitor the Amazon ECS agent. The Amazon ECS optimized AMI uses the ecs-init upstart process, and other operating systems might use systemd.',
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'If the agent crashes or is killed (out of memory, a failed self-update), nothing restarts it: the instance stops accepting jobs and its running jobs lose their agent.',
  remediation:
    'Run the agent through ecs-init (`ecs.service`), or give your unit `Restart=always` (systemd) / `respawn` (upstart), or run the agent container with `--restart=always`.',
  outcomes: {
    pass: 'ecs-init runs the agent, or its unit restarts it (`Restart=`, `respawn`), or its container has a restarting policy.',
    fail: 'The agent is launched by something that does not restart it, or by nothing.',
    inconclusive: 'Whether the launcher restarts the agent could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const { services, agentContainers } = host.ecs;
    const nannies: string[] = [];
    const unsupervised: string[] = [];
    const unknowns: string[] = [];
    const evidence: Evidence[] = [];
    if (services.known) {
      for (const service of services.value) {
        const label = describeService(service);
        evidence.push(...evidenceOf(service.restarts, (on) => `${service.name} restarts=${on}`));
        if (classifyService(service).kind === 'ecs-init') {
          nannies.push(`${label} runs ecs-init, which supervises the agent container`);
        } else if (!service.restarts.known) {
          unknowns.push(`whether ${label} restarts the agent (${service.restarts.reason})`);
        } else if (service.restarts.value) {
          nannies.push(
            `${label} restarts the agent (${service.manager === 'upstart' ? 'respawn' : 'Restart='})`,
          );
        } else unsupervised.push(`${label} has no Restart=/respawn`);
      }
    } else unknowns.push(`the agent units (${services.reason})`);
    if (agentContainers.known) {
      for (const container of agentContainers.value) {
        const policy = container.restartPolicy;
        evidence.push({
          source: `cmd:docker inspect ${container.name}`,
          observed: `restart=${policy ?? 'unknown'}`,
        });
        if (policy === undefined)
          unknowns.push(`the restart policy of container ${container.name}`);
        else if (RESTARTING_POLICIES.has(policy)) {
          nannies.push(`Docker restarts container ${container.name} (restart=${policy})`);
        }
      }
    } else unknowns.push(`the agent containers (${agentContainers.reason})`);

    if (nannies.length > 0)
      return pass(`The ECS agent is supervised: ${nannies.join('; ')}.`, evidence);
    if (unknowns.length > 0) {
      return inconclusive(
        `No nanny for the ECS agent was found, but ${unknowns.join('; ')} could not be read.`,
        evidence,
      );
    }
    const why =
      unsupervised.length > 0 ? unsupervised.join('; ') : 'no unit, job or container runs it';
    return fail(`Nothing restarts the ECS agent if it exits: ${why}.`, evidence);
  },
};
