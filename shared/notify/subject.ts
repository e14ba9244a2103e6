/** The email subject of a notification: ASCII, one line, under 100 characters (SNS's limits). */
import type { DigestDocument, FindingsDocument } from './document-schema';
import { countsLine, verdictsLine } from './labels';

const MAX_SUBJECT_LENGTH = 99;

/**
 * `[FAIL] Batch AMI ami-0abc in gpu-ce: new image-hvm`,
 * `[RESOLVED] Batch AMI ami-0abc in gpu-ce: image-hvm`, or for a digest
 * `[Batch AMI sweep] 2 new, 1 resolved; 3 FAIL, 37 PASS`.
 */
export function subjectOf(document: FindingsDocument | DigestDocument): string {
  if (document.type === 'batch-ami-auditor.digest') {
    return toSubject(
      `[Batch AMI sweep] ${countsLine(document.counts)}; ${verdictsLine(document.totals)}`,
    );
  }
  const tag = document.event === 'resolved' ? 'RESOLVED' : (document.verdict ?? 'ALERT');
  const where = document.computeEnvironment.name;
  const what = document.amiId ? `${document.amiId} in ` : 'in ';
  const why =
    document.event === 'resolved'
      ? document.changes.map((c) => c.ruleId).join(', ')
      : (['new', 'regressed', 'changed', 'resolved'] as const)
          .map((kind) => {
            const rules = document.changes.filter((c) => c.change === kind).map((c) => c.ruleId);
            const word = kind === 'regressed' ? 'back' : kind;
            return rules.length > 0 ? `${word} ${rules.join(', ')}` : '';
          })
          .filter(Boolean)
          .join('; ');
  return toSubject(`[${tag}] Batch AMI ${what}${where}: ${why}`);
}

/** ASCII, single line, under 100 characters, ending in `...` when cut. */
export function toSubject(raw: string): string {
  const ascii = raw
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length <= MAX_SUBJECT_LENGTH
    ? ascii
    : `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}
