/** Whether a waiver covers a finding of a target. */
import { posix } from 'node:path';
import type { AuditTarget } from '../core/report';
import type { Finding } from '../core/rule';
import type { Waiver, WaiverMatch } from './schema';

/**
 * True when `waiver` names the finding's rule and every criterion of its `match` holds for
 * `target`. A criterion the target cannot be checked against (a compute environment pattern on a
 * host audit) does not hold: a waiver never covers more than it says.
 */
export function waiverCovers(waiver: Waiver, target: AuditTarget, finding: Finding): boolean {
  return waiver.rule === finding.ruleId && targetMatches(waiver.match, target);
}

function targetMatches(match: WaiverMatch, target: AuditTarget): boolean {
  const name = target.computeEnvironment?.name;
  if (match.computeEnvironment !== undefined) {
    // Batch names hold only letters, digits, - and _, so path semantics (/) never come into it.
    if (name === undefined || !posix.matchesGlob(name, match.computeEnvironment)) return false;
  }
  if (match.amiId !== undefined && match.amiId !== target.amiId) return false;
  if (match.account !== undefined && match.account !== target.accountId) return false;
  return true;
}
