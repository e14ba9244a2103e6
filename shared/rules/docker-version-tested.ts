import { baselineVersion } from '../core/default-baseline';
import { dockerVersionOf } from '../core/derive/docker';
import { majorMinor } from '../core/derive/version-gap';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { noHostFacts } from './support/host-guard';

export const dockerVersionTested: Rule = {
  id: 'docker-version-tested',
  title: 'Docker is the version tested with the ECS agent',
  scope: 'host',
  level: 'recommended',
  severity: 'low',
  spec: {
    quote:
      "We recommend the Docker version that ships with and is tested with the corresponding Amazon ECS agent version that you're using.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Docker versions the agent was not tested with can break container start-up, networking or log drivers in ways that only show under load.',
  remediation:
    'Install the Docker version the current ECS-optimized AMI ships (see the amazon-ecs-ami CHANGELOG), e.g. `sudo dnf install -y docker-25.0.*` on AL2023.',
  outcomes: {
    pass: "Docker's major.minor equals the baseline's (the Docker on the latest ECS-optimized AMI).",
    fail: 'Docker is a different major.minor than the baseline, or is not installed; the message gives both versions.',
    inconclusive: 'The Docker version could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const found = dockerVersionOf(host);
    const baseline = baselineVersion(subject.baseline, 'dockerVersion');
    const evidence = [
      ...found.evidence,
      { source: `baseline:${baseline.source}`, observed: `docker ${baseline.version}` },
    ];
    if (!found.known) return inconclusive(found.reason, evidence);
    if (!found.value) {
      return fail(
        `Docker is not installed; the tested version is ${baseline.version} (${baseline.source}).`,
        evidence,
      );
    }
    const { version } = found.value;
    const ours = majorMinor(version);
    const tested = majorMinor(baseline.version);
    if (!ours || !tested) {
      return inconclusive(
        `Cannot compare Docker "${version}" with "${baseline.version}".`,
        evidence,
      );
    }
    return ours === tested
      ? pass(
          `Docker ${version} is the ${tested} series tested with the ECS agent (${baseline.source}).`,
          evidence,
        )
      : fail(
          `Docker ${version} is not the ${tested} series tested with the ECS agent (${baseline.version}, ${baseline.source}).`,
          evidence,
        );
  },
};
