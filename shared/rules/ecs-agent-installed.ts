import { agentInstallation } from '../core/derive/agent-install';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { noHostFacts } from './support/host-guard';

export const ecsAgentInstalled: Rule = {
  id: 'ecs-agent-installed',
  title: 'The Amazon ECS container agent is installed',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      "If the Amazon ECS agent isn't running on your compute resource, then it can't accept jobs from AWS Batch.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Without the agent, instances never register with the ECS cluster behind the compute environment: Batch launches them, pays for them, and jobs stay RUNNABLE.',
  remediation:
    'On Amazon Linux install the agent with `sudo dnf install -y ecs-init` (AL2023) or `sudo amazon-linux-extras install -y ecs-init` (AL2) and `sudo systemctl enable ecs`; elsewhere install the amazon-ecs-init rpm/deb, or run the amazon/amazon-ecs-agent container from a systemd unit. Better: start from the ECS-optimized AMI.',
  outcomes: {
    pass: 'At least one way of running the agent is present: the ecs-init package or binary, an agent unit, an agent container, a cached agent image, or a live agent answering introspection. The message says which.',
    fail: 'None of those was found.',
    inconclusive: 'None was found, but some of them could not be checked.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const { found, unknown, evidence } = agentInstallation(host);
    if (found.length > 0) {
      return pass(
        `The ECS agent is installed: ${found.map((f) => f.way).join('; ')}.`,
        found.flatMap((f) => f.evidence),
      );
    }
    if (unknown.length > 0) {
      return inconclusive(
        `No ECS agent was found, but ${unknown.map((u) => `${u.what} (${u.reason})`).join(', ')} could not be checked.`,
        evidence,
      );
    }
    return fail(
      'No ECS agent is installed: no ecs-init package or binary, no agent unit, no agent container, no cached agent image, and nothing answers on the introspection port.',
      evidence,
    );
  },
};
