import { describePackage } from '../core/derive/agent-launch';
import { evidenceOf } from '../core/evidence';
import type { HostFacts } from '../core/host-facts';
import { fail, inconclusive, pass, type Rule, type RuleResult } from '../core/rule';
import { noHostFacts } from './support/host-guard';

/** Both names of the ecs-init build: `ecs-init` (Amazon Linux repos) and `amazon-ecs-init` (generic rpm). */
const ECS_INIT_PACKAGES = new Set(['ecs-init', 'amazon-ecs-init']);

/**
 * Advisory unless the compute environment is known to run multi-node parallel
 * jobs: then the spec's "can only run" makes it required for that subject.
 */
export const multiNodeCompatible: Rule = {
  id: 'multi-node-compatible',
  title: 'Multi-node parallel jobs can run (Amazon Linux with ecs-init)',
  scope: 'host',
  level: 'advisory',
  severity: 'info',
  spec: {
    quote:
      'Multi-node parallel jobs can only run on compute resources that were launched on an Amazon Linux instance with the ecs-init package installed.',
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Multi-node parallel jobs submitted to a compute environment using this AMI cannot run on it (they stay RUNNABLE); single-node jobs are unaffected.',
  remediation:
    'For multi-node parallel jobs, build on Amazon Linux 2023 (or AL2) and install ecs-init (`sudo dnf install -y ecs-init`), or use the ECS-optimized AMI.',
  outcomes: {
    pass: '/etc/os-release says Amazon Linux (ID=amzn) and the ecs-init package is installed.',
    fail: 'The OS is not Amazon Linux, or ecs-init is not installed. Reported as advisory unless the compute environment runs multi-node jobs, when it is required.',
    inconclusive: 'The OS or the installed packages could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const result = judge(host);
    return subject.context?.multiNode ? { ...result, level: 'required' } : result;
  },
};

function judge(host: HostFacts): RuleResult {
  const { id, prettyName } = host.os;
  const pkg = host.ecs.ecsInitPackage;
  const evidence = [
    ...evidenceOf(id),
    ...evidenceOf(prettyName),
    ...evidenceOf(pkg, describePackage),
  ];
  if (!id.known) return inconclusive(`The OS is unknown: ${id.reason}`, evidence);
  const os = prettyName.known ? prettyName.value : id.value;
  if (id.value !== 'amzn') {
    return fail(
      `${os} is not Amazon Linux; multi-node parallel jobs need Amazon Linux with ecs-init.`,
      evidence,
    );
  }
  if (!pkg.known)
    return inconclusive(`Whether ecs-init is installed is unknown: ${pkg.reason}`, evidence);
  if (!pkg.value || !ECS_INIT_PACKAGES.has(pkg.value.name)) {
    return fail(
      `${os} has no ecs-init package installed; multi-node parallel jobs need it.`,
      evidence,
    );
  }
  return pass(
    `${os} with ${describePackage(pkg.value)} can run multi-node parallel jobs.`,
    evidence,
  );
}
