/** Words every rendering shares, so email, chat and Slack say the same thing the same way. */

import type { DigestDocument, FindingChange, FindingsDocument } from './document-schema';
import type { ChangeKind } from './transitions';

/** How each kind of change is labelled in front of a rule id (`NEW image-hvm`). */
export const CHANGE_LABEL: Readonly<Record<ChangeKind, string>> = {
  new: 'NEW',
  regressed: 'BACK',
  changed: 'CHANGED',
  resolved: 'RESOLVED',
};

const RESOLUTION_TEXT: Readonly<Record<NonNullable<FindingChange['resolution']>, string>> = {
  passes: 'the rule passes now',
  'ami-replaced': 'the compute environment no longer launches this AMI',
  'compute-environment-deleted': 'the compute environment was deleted',
  'no-longer-required': 'the rule is no longer required for this compute environment',
};

/** The parts of a change {@link changeDetail} reads (a digest's changes carry no finding). */
export type ChangeFacts = Pick<
  FindingChange,
  'change' | 'status' | 'severity' | 'previous' | 'resolution'
> & {
  readonly finding?: FindingChange['finding'];
};

/** Why a finding resolved, in words: `the compute environment no longer launches this AMI`. */
export function resolutionText(change: Pick<FindingChange, 'resolution'>): string {
  return RESOLUTION_TEXT[change.resolution ?? 'passes'];
}

/** What changed, in words: `FAIL, was INCONCLUSIVE`, `resolved: the rule passes now`. */
export function changeDetail(change: ChangeFacts): string {
  if (change.change === 'resolved') return `resolved: ${resolutionText(change)}`;
  const waiver = change.finding?.waiver;
  if (waiver?.expired)
    return `${change.status}, waiver expired on ${waiver.expires} (${waiver.owner})`;
  if (change.change === 'regressed') return `${change.status} again after it was resolved`;
  const before = change.previous;
  if (change.change === 'changed' && before) {
    const parts = [];
    if (before.status !== change.status) parts.push(`${change.status}, was ${before.status}`);
    if (before.severity !== change.severity) {
      parts.push(`severity ${change.severity}, was ${before.severity}`);
    }
    if (parts.length > 0) return parts.join('; ');
  }
  return change.status;
}

/** `ami-0abc (computeResources.imageId)`, or why there is no AMI. */
export function amiLine(document: FindingsDocument): string {
  if (!document.amiId) return 'not resolved (the compute environment names no usable AMI)';
  return document.origin ? `${document.amiId} (${document.origin})` : document.amiId;
}

/** `team=ml, owner=alice`, or undefined when there are none. */
export function tagsLine(tags: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(tags);
  return entries.length > 0 ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : undefined;
}

/** `2 new, 1 resolved`, zero counts left out; `no changes` when all are zero. */
export function countsLine(counts: FindingsDocument['counts']): string {
  const parts = [
    counts.new > 0 ? `${counts.new} new` : '',
    counts.changed > 0 ? `${counts.changed} changed` : '',
    counts.resolved > 0 ? `${counts.resolved} resolved` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

/** `3 FAIL, 1 INCONCLUSIVE, 36 PASS`, zero counts left out. */
export function verdictsLine(totals: DigestDocument['totals']): string {
  const v = totals.verdicts;
  const parts = (['FAIL', 'INCONCLUSIVE', 'PASS'] as const)
    .filter((k) => v[k] > 0)
    .map((k) => `${v[k]} ${k}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing audited';
}

/** `text` cut to `max` characters, ending in an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Why a findings document has no verdict: its AMI or compute environment is gone. */
export function goneBecause(d: FindingsDocument): string {
  return d.changes.every((c) => c.resolution === 'compute-environment-deleted')
    ? 'the compute environment was deleted'
    : 'the compute environment no longer launches this AMI';
}
