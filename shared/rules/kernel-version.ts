import { evidenceOf } from '../core/evidence';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { isAtLeast } from '../core/versions';
import { noHostFacts } from './support/host-guard';

const MINIMUM_KERNEL = '3.10.0';

export const kernelVersion: Rule = {
  id: 'kernel-version',
  title: 'Linux kernel is 3.10 or newer',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      "A modern Linux distribution that's running at least version 3.10 of the Linux kernel on an HVM virtualization type AMI.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Docker and the ECS agent need kernel features (cgroups, namespaces, overlay) that older kernels lack; instances fail to run containers and jobs stay RUNNABLE.',
  remediation:
    'Rebuild the AMI from a current base image (the ECS-optimized Amazon Linux 2023 AMI is the default Batch uses) whose kernel is 3.10 or newer.',
  outcomes: {
    pass: 'The running kernel (`uname -r`) is 3.10 or newer.',
    fail: 'The kernel is older than 3.10.',
    inconclusive: 'The kernel release could not be read, or is not a version.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const release = host.kernel.release;
    const evidence = evidenceOf(release);
    if (!release.known)
      return inconclusive(`The kernel version is unknown: ${release.reason}`, evidence);
    const recent = isAtLeast(release.value, MINIMUM_KERNEL);
    if (recent === null) {
      return inconclusive(
        `The kernel release "${release.value}" is not a version this rule can read.`,
        evidence,
      );
    }
    return recent
      ? pass(`Kernel ${release.value} is 3.10 or newer.`, evidence)
      : fail(
          `Kernel ${release.value} is older than 3.10, the minimum AWS Batch supports.`,
          evidence,
        );
  },
};
