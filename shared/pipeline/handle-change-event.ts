/**
 * What the change handler does with one EventBridge event: validate it, re-describe the
 * compute environment once it has settled, audit its AMIs, apply waivers and notify what
 * changed; a deleted compute environment resolves its findings. Malformed events are
 * rejected with a log line and a metric and never thrown, so EventBridge does not retry them
 * into a crash loop; AWS failures are thrown, so Lambda retries them and then dead-letters.
 */
import type { AuditReport } from '../core/report';
import { isWaived } from '../core/rule';
import { InvalidInputError } from '../errors';
import { parseComputeEnvironmentEvent } from '../events/parse-event';
import { applyWaivers } from '../waivers/apply';
import type { Waiver } from '../waivers/schema';
import { type AuditDeps, auditComputeEnvironments } from './audit-compute-environments';
import type { Notifier } from './ports';
import { describeSettled } from './settle';
import { type MetricSink, NO_METRICS, SILENT_LOG } from './telemetry';

export interface ChangeDeps extends Omit<AuditDeps, 'region' | 'accountId'> {
  readonly notifier: Notifier;
  /** Accepted risks (waivers.yml): covered findings are reported as waived and do not alert. */
  readonly waivers?: readonly Waiver[];
  readonly metrics?: MetricSink;
  /** Waits before re-describing a CREATING/UPDATING compute environment (tests shorten it). */
  readonly settleDelaysSeconds?: readonly number[];
}

export type ChangeOutcome =
  | { readonly status: 'rejected'; readonly reason: string }
  | { readonly status: 'ignored'; readonly reason: string }
  | { readonly status: 'deleted'; readonly computeEnvironment: string }
  | {
      readonly status: 'audited';
      readonly computeEnvironment: string;
      readonly verdicts: readonly {
        readonly amiId?: string;
        readonly verdict: string;
        /** Rules whose findings a waiver in force covers: reported, not alerting. */
        readonly waivedRules?: readonly string[];
      }[];
      readonly probes: number;
    };

export async function handleChangeEvent(event: unknown, deps: ChangeDeps): Promise<ChangeOutcome> {
  const log = deps.log ?? SILENT_LOG;
  const metrics = deps.metrics ?? NO_METRICS;

  let parsed: ReturnType<typeof parseComputeEnvironmentEvent>;
  try {
    parsed = parseComputeEnvironmentEvent(event);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    log.error('Rejected a malformed event', { reason: error.message, ...fieldsOf(error) });
    metrics.count('MalformedEvents');
    return { status: 'rejected', reason: error.message };
  }
  if (parsed.kind === 'ignored') {
    log.info('Ignored an event', { reason: parsed.reason });
    metrics.count('IgnoredEvents');
    return { status: 'ignored', reason: parsed.reason };
  }
  if (parsed.kind === 'deleted') {
    log.appendKeys({ computeEnvironment: parsed.computeEnvironment, eventName: 'Delete' });
    await resolveDeleted(parsed.computeEnvironment, `change-${parsed.eventId}`, parsed, deps);
    metrics.count('DeletedComputeEnvironments');
    return { status: 'deleted', computeEnvironment: parsed.computeEnvironment };
  }

  // CloudTrail's event id is stable across redeliveries: the same call audits as the same audit.
  const auditId = `change-${parsed.eventId}`;
  log.appendKeys({
    auditId,
    computeEnvironment: parsed.computeEnvironment,
    eventName: parsed.eventName,
  });

  const settled = await describeSettled(
    deps.reader,
    parsed.computeEnvironment,
    deps.settleDelaysSeconds,
  );
  if (!settled.computeEnvironment) {
    log.info('The compute environment no longer exists; resolving its findings');
    metrics.count('DeletedBeforeAudit');
    const name = parsed.computeEnvironment.split('/').pop() ?? parsed.computeEnvironment;
    await resolveDeleted(name, auditId, parsed, deps);
    return { status: 'deleted', computeEnvironment: parsed.computeEnvironment };
  }
  if (settled.stillTransitional) {
    log.warn('The compute environment is still changing; auditing it as it stands', {
      status: settled.computeEnvironment.status,
    });
  }

  const outcome = await auditComputeEnvironments([settled.computeEnvironment], auditId, {
    ...deps,
    region: parsed.region,
    accountId: parsed.accountId,
  });
  const now = deps.now();
  const reports = outcome.reports.map((r) => applyWaivers(r, deps.waivers ?? [], now));
  for (const report of reports) {
    log.info('Verdict', {
      amiId: report.target.amiId,
      verdict: report.verdict,
      origin: report.target.origin,
      waived: report.summary.waived,
    });
    metrics.count(`Verdict${report.verdict}`);
  }
  await deps.notifier.publish({
    kind: 'change',
    auditId,
    accountId: parsed.accountId,
    region: parsed.region,
    reports,
    scope: outcome.evaluated,
    complete: false,
  });
  return {
    status: 'audited',
    computeEnvironment: settled.computeEnvironment.computeEnvironmentName,
    verdicts: reports.map((r) => ({
      ...(r.target.amiId ? { amiId: r.target.amiId } : {}),
      verdict: r.verdict,
      ...waivedRulesOf(r),
    })),
    probes: outcome.probes.length,
  };
}

function waivedRulesOf(report: AuditReport): { waivedRules?: string[] } {
  const waived = report.findings.filter(isWaived).map((f) => f.ruleId);
  return waived.length > 0 ? { waivedRules: waived } : {};
}

/** Tells the notifier the compute environment is gone, so its open findings resolve. */
async function resolveDeleted(
  name: string,
  auditId: string,
  where: { readonly accountId: string; readonly region: string },
  deps: ChangeDeps,
): Promise<void> {
  await deps.notifier.publish({
    kind: 'deleted',
    auditId,
    accountId: where.accountId,
    region: where.region,
    reports: [],
    scope: [{ name, amiIds: [] }],
    complete: false,
  });
}

function fieldsOf(error: Error): Record<string, unknown> {
  const fields = (error as { fields?: unknown }).fields;
  return Array.isArray(fields) ? { fields } : {};
}
