/**
 * The SNS message for one (compute environment, AMI) verdict: a versioned JSON
 * document, a subject people can scan in an inbox, and message attributes for
 * subscription filter policies. Pure: the publisher only sends what this builds.
 *
 * The document is a public contract, documented in docs/notifications.md.
 * Add fields freely; bump VERDICT_MESSAGE_SCHEMA_VERSION when one changes meaning.
 */
import { failedRuleIds } from '../core/engine';
import type { AuditReport } from '../core/report';
import type { Finding } from '../core/rule';

export const VERDICT_MESSAGE_SCHEMA_VERSION = 1;
export const VERDICT_MESSAGE_TYPE = 'batch-ami-auditor.verdict';

/** SNS subjects must be under 100 ASCII characters with no line breaks. */
const MAX_SUBJECT_LENGTH = 99;

export interface VerdictMessage {
  readonly subject: string;
  /** The JSON document (already serialised). */
  readonly body: string;
  readonly attributes: Readonly<Record<string, MessageAttribute>>;
}

export type MessageAttribute =
  | { readonly DataType: 'String'; readonly StringValue: string }
  | { readonly DataType: 'String.Array'; readonly StringValue: string };

export interface VerdictDocument {
  readonly schemaVersion: typeof VERDICT_MESSAGE_SCHEMA_VERSION;
  readonly type: typeof VERDICT_MESSAGE_TYPE;
  readonly auditId: string;
  readonly verdict: AuditReport['verdict'];
  readonly verdictReason?: string;
  readonly highestSeverity: string | null;
  readonly computeEnvironment: { readonly name: string; readonly arn?: string } | null;
  readonly amiId: string | null;
  readonly origin: string | null;
  readonly region: string | null;
  readonly accountId: string | null;
  readonly failedRules: readonly string[];
  /** The findings that need attention: FAIL, INCONCLUSIVE and ERROR, most severe first. */
  readonly problems: readonly Finding[];
  /** The whole report, every finding included. */
  readonly report: AuditReport;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

export function buildVerdictMessage(report: AuditReport, auditId: string): VerdictMessage {
  const target = report.target;
  const failedRules = failedRuleIds(report.findings);
  const problems = report.findings
    .filter((f) => f.status === 'FAIL' || f.status === 'INCONCLUSIVE' || f.status === 'ERROR')
    .toSorted((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const document: VerdictDocument = {
    schemaVersion: VERDICT_MESSAGE_SCHEMA_VERSION,
    type: VERDICT_MESSAGE_TYPE,
    auditId,
    verdict: report.verdict,
    ...(report.verdictReason ? { verdictReason: report.verdictReason } : {}),
    highestSeverity: report.summary.highestSeverity,
    computeEnvironment: target.computeEnvironment ?? null,
    amiId: target.amiId ?? null,
    origin: target.origin ?? null,
    region: target.region ?? null,
    accountId: target.accountId ?? null,
    failedRules,
    problems,
    report,
  };

  const attributes: Record<string, MessageAttribute> = {
    verdict: text(report.verdict),
    severity: text(report.summary.highestSeverity ?? 'none'),
    failedRules: { DataType: 'String.Array', StringValue: JSON.stringify(failedRules) },
  };
  if (target.computeEnvironment)
    attributes.computeEnvironment = text(target.computeEnvironment.name);
  if (target.amiId) attributes.amiId = text(target.amiId);
  if (target.region) attributes.region = text(target.region);
  if (target.accountId) attributes.account = text(target.accountId);

  return { subject: subjectFor(report, failedRules), body: JSON.stringify(document), attributes };
}

function subjectFor(report: AuditReport, failedRules: readonly string[]): string {
  const where = report.target.computeEnvironment?.name ?? report.target.label;
  const what = report.target.amiId ?? '';
  const why = failedRules.length > 0 ? `: ${failedRules.join(', ')}` : '';
  return toSubject(`[${report.verdict}] Batch AMI ${what} in ${where}${why}`);
}

/** ASCII, single line, under 100 characters, ending in an ellipsis when cut. */
export function toSubject(raw: string): string {
  const ascii = raw
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length <= MAX_SUBJECT_LENGTH
    ? ascii
    : `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}

function text(value: string): MessageAttribute {
  return { DataType: 'String', StringValue: value };
}
