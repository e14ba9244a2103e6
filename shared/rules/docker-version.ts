import { dockerVersionOf } from '../core/derive/docker';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { isAtLeast } from '../core/versions';
import { noHostFacts } from './support/host-guard';

const MINIMUM_DOCKER = '1.9.0';

export const dockerVersion: Rule = {
  id: 'docker-version',
  title: 'Docker 1.9 or newer is installed',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      "A Docker daemon that's running at least version 1.9, and any Docker runtime dependencies.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Without Docker (or with one older than 1.9) the ECS agent cannot run job containers: instances never take jobs and jobs stay RUNNABLE.',
  remediation:
    'Install Docker from the distribution (`sudo dnf install -y docker` on AL2023, `sudo amazon-linux-extras install docker` or the ecs-init dependency on AL2, docker.io/docker-ce elsewhere), preferably the version the ECS-optimized AMI ships.',
  outcomes: {
    pass: 'The daemon (or, when it does not answer, the CLI) reports version 1.9 or newer.',
    fail: 'Docker is not installed, or its version is older than 1.9.',
    inconclusive: 'Docker seems installed but no version could be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const found = dockerVersionOf(host);
    if (!found.known) return inconclusive(found.reason, found.evidence);
    if (!found.value) {
      return fail(
        'Docker is not installed: there is no docker CLI and no dockerd.',
        found.evidence,
      );
    }
    const { version, from } = found.value;
    const recent = isAtLeast(version, MINIMUM_DOCKER);
    if (recent === null) {
      return inconclusive(
        `The Docker ${from} version "${version}" is not a version this rule can read.`,
        found.evidence,
      );
    }
    return recent
      ? pass(`Docker ${version} (${from}) is 1.9 or newer.`, found.evidence)
      : fail(
          `Docker ${version} (${from}) is older than 1.9, the minimum AWS Batch supports.`,
          found.evidence,
        );
  },
};
