/** What a host rule says when there are no host facts to judge. */
import { inconclusive, type RuleResult } from '../../core/rule';
import type { AuditSubject } from '../../core/subject';

/** INCONCLUSIVE: no host facts, with the probe's failure reason when there is one. */
export function noHostFacts(subject: AuditSubject): RuleResult {
  return inconclusive(
    subject.hostUnavailableReason
      ? `No host facts: the AMI could not be inspected (${subject.hostUnavailableReason}).`
      : 'No host facts: the AMI was not booted and inspected.',
  );
}
