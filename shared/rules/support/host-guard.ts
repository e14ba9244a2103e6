/** What a host or join rule says when there are no host or join facts to judge. */
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

/** INCONCLUSIVE: no join test ran, with the probe's failure reason when there is one. */
export function noJoinFacts(subject: AuditSubject): RuleResult {
  return inconclusive(
    subject.hostUnavailableReason
      ? `No join test: ${subject.hostUnavailableReason}`
      : 'No join test: the AMI was not booted in the probe cluster.',
  );
}
