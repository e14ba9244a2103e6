/** Scores host facts against the host rules: what `host` and `score` both do. */
import { evaluate } from '../shared/core/engine';
import type { HostFacts } from '../shared/core/host-facts';
import { type AuditReport, type AuditTarget, buildReport } from '../shared/core/report';
import { rulesFor } from '../shared/rules/index';
import { TOOL_VERSION } from '../shared/version';

/** Evaluates every host rule against `facts` and builds the report for `target`. */
export function auditHostFacts(
  facts: HostFacts,
  target: AuditTarget,
  now: Date = new Date(),
): AuditReport {
  const findings = evaluate({ host: facts }, rulesFor(['host']));
  return buildReport({ target, findings, toolVersion: TOOL_VERSION, now });
}
