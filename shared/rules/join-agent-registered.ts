import { evidenceOf } from '../core/evidence';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { ecsAgentStartsAtBoot } from './ecs-agent-starts-at-boot';
import { noJoinFacts } from './support/host-guard';

/**
 * The join test: booted like a Batch instance (user data appending
 * `ECS_CLUSTER` to /etc/ecs/ecs.config), did the AMI's ECS agent register the
 * instance in the cluster? This is what Batch needs, observed rather than inferred.
 */
export const joinAgentRegistered: Rule = {
  id: 'join-agent-registered',
  title: 'The ECS agent registers the instance in its cluster after boot',
  scope: 'join',
  level: 'required',
  severity: 'critical',
  // The same requirement as the host rule, observed from the control plane instead.
  spec: ecsAgentStartsAtBoot.spec,
  impact:
    'Instances launched from this AMI never join the compute environment’s ECS cluster: jobs stay RUNNABLE, Batch keeps launching instances that do nothing, and the compute environment may scale down or go INVALID.',
  remediation:
    'Install the ECS agent with ecs-init (or a systemd unit that starts it at boot), stop it and remove /var/lib/ecs/data/* before creating the AMI, and make sure /etc/ecs/ecs.config does not pin ECS_CLUSTER. Check /var/log/ecs/ecs-agent.log on an instance launched from the AMI.',
  outcomes: {
    pass: 'The probe instance registered as a container instance in the probe cluster.',
    fail: 'The probe was online and could reach ECS, yet its agent never registered before the deadline.',
    inconclusive:
      'No join test ran (the probe never came online, or was not launched), or a missing registration has another explanation.',
  },
  check(subject) {
    const { join } = subject;
    if (!join) return noJoinFacts(subject);
    const registered = join.registered;
    const evidence = [...evidenceOf(registered), ...evidenceOf(join.agentVersion, describeVersion)];
    if (!registered.known) {
      return inconclusive(`Whether the agent registers is unknown: ${registered.reason}`, evidence);
    }
    if (!registered.value) {
      return fail(
        `The ECS agent did not register the probe in its cluster: ${registered.from.excerpt ?? 'no container instance appeared before the deadline'}`,
        evidence,
      );
    }
    const version = join.agentVersion.known && join.agentVersion.value;
    return pass(
      `The ECS agent${version ? ` ${version}` : ''} registered the probe in the probe cluster.`,
      evidence,
    );
  },
};

function describeVersion(version: string | null): string {
  return version ? `agent ${version}` : 'the agent reported no version';
}
