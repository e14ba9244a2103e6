import { baselineVersion } from '../core/default-baseline';
import { agentVersionOf } from '../core/derive/agent-version';
import { versionGap } from '../core/derive/version-gap';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { isAtLeast } from '../core/versions';
import { noHostFacts } from './support/host-guard';

const SOURCE_WORDS = {
  introspection: 'the running agent',
  package: 'the ecs-init package',
  'cached image': 'the cached agent image',
  'container label': 'the agent container label',
} as const;

/**
 * "We recommend that you use the latest version": PASS at or above the baseline (the agent
 * on the newest ECS-optimized AMI), FAIL below it by any amount, patch releases
 * included, because they carry security fixes. It is a recommended rule, so an
 * older agent is reported as a warning and never changes the verdict.
 */
export const ecsAgentCurrent: Rule = {
  id: 'ecs-agent-current',
  title: 'The ECS agent is the latest version',
  scope: 'host',
  level: 'recommended',
  severity: 'low',
  spec: {
    quote: 'The Amazon ECS container agent. We recommend that you use the latest version.',
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Older agents miss fixes and newer capabilities; Batch features that need them (for example newer logging or GPU options) may not work, and security fixes are missing.',
  remediation:
    'Rebuild the AMI with the current agent: `sudo dnf update -y ecs-init` (AL2023) or `sudo yum update -y ecs-init` (AL2), or move to the latest ECS-optimized AMI. With ecs-init, `ECS_UPDATES_ENABLED=true` also lets the agent update itself.',
  outcomes: {
    pass: 'The agent version is at least the baseline (the agent on the latest ECS-optimized AMI, or the built-in baseline when none is given).',
    fail: 'The agent is older than the baseline; the message gives the gap.',
    inconclusive: 'No source names the agent version, or the version sources could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const found = agentVersionOf(host);
    const baseline = baselineVersion(subject.baseline, 'ecsAgentVersion');
    const evidence = [
      ...found.evidence,
      { source: `baseline:${baseline.source}`, observed: `ecs agent ${baseline.version}` },
    ];
    if (!found.known)
      return inconclusive(`The ECS agent version is unknown: ${found.reason}`, evidence);
    if (!found.value) {
      return inconclusive(
        'No source names the ECS agent version (no introspection answer, ecs-init package, cached image or container label).',
        evidence,
      );
    }
    const { version, source } = found.value;
    const from = SOURCE_WORDS[source];
    const current = isAtLeast(version, baseline.version);
    if (current === null) {
      return inconclusive(
        `The ECS agent version "${version}" from ${from} is not a version this rule can read.`,
        evidence,
      );
    }
    if (current) {
      return pass(
        `ECS agent ${version} (from ${from}) is at least ${baseline.version} (${baseline.source}).`,
        evidence,
      );
    }
    return fail(
      `ECS agent ${version} (from ${from}) is ${versionGap(version, baseline.version)} behind ${baseline.version}, the latest per ${baseline.source}.`,
      evidence,
    );
  },
};
