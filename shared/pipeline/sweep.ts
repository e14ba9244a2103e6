/**
 * The scheduled sweep: every compute environment of the account and region,
 * each distinct AMI described (and probed) once however many compute
 * environments share it; waivers applied, and one digest of what changed.
 */

import { applyWaivers } from '../waivers/apply';
import type { Waiver } from '../waivers/schema';
import {
  type AuditDeps,
  type AuditOutcome,
  auditComputeEnvironments,
} from './audit-compute-environments';
import type { Notifier } from './ports';
import { type MetricSink, NO_METRICS, SILENT_LOG } from './telemetry';

export interface SweepDeps extends AuditDeps {
  readonly notifier: Notifier;
  /** Accepted risks (waivers.yml): covered findings are reported as waived and do not alert. */
  readonly waivers?: readonly Waiver[];
  readonly metrics?: MetricSink;
}

export interface SweepOutcome extends AuditOutcome {
  readonly computeEnvironments: number;
  readonly distinctAmis: number;
}

export async function sweep(auditId: string, deps: SweepDeps): Promise<SweepOutcome> {
  const log = deps.log ?? SILENT_LOG;
  const metrics = deps.metrics ?? NO_METRICS;
  log.appendKeys({ auditId });

  const ces = await deps.reader.listComputeEnvironments();
  const audited = await auditComputeEnvironments(ces, auditId, deps);
  const now = deps.now();
  const outcome = {
    ...audited,
    reports: audited.reports.map((r) => applyWaivers(r, deps.waivers ?? [], now)),
  };
  const distinctAmis = new Set(
    outcome.reports.flatMap((r) => (r.target.amiId ? [r.target.amiId] : [])),
  );
  for (const verdict of ['PASS', 'FAIL', 'INCONCLUSIVE'] as const) {
    metrics.count(`Verdict${verdict}`, outcome.reports.filter((r) => r.verdict === verdict).length);
  }
  metrics.count('ComputeEnvironmentsSwept', ces.length);
  log.info('Sweep audited the account', {
    computeEnvironments: ces.length,
    distinctAmis: distinctAmis.size,
    reports: outcome.reports.length,
    notApplicable: outcome.notApplicable.length,
    probesStarted: outcome.probes.filter((p) => p.status === 'started').length,
  });
  // The sweep saw every compute environment, so those missing from it are gone (`complete`).
  await deps.notifier.publish({
    kind: 'sweep',
    auditId,
    accountId: deps.accountId,
    region: deps.region,
    reports: outcome.reports,
    scope: outcome.evaluated,
    complete: true,
  });
  return { ...outcome, computeEnvironments: ces.length, distinctAmis: distinctAmis.size };
}
