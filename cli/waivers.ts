/** `--waivers <file>`: the waiver file every report command applies before it renders. */
import { type AuditRun, worstVerdict } from '../shared/core/report';
import type { ReportDocument } from '../shared/report/document';
import { isRun } from '../shared/report/document';
import { applyWaivers } from '../shared/waivers/apply';
import { parseWaiverFile } from '../shared/waivers/load';
import type { Waiver } from '../shared/waivers/schema';
import { readInput } from './io';

/**
 * Reads and validates the waiver file at `path` (`-`: stdin).
 *
 * @throws InputReadError when it cannot be read; WaiverFileError (exit 65) naming the line of
 *   each problem when it is invalid, before any audit runs.
 */
export async function readWaivers(path: string): Promise<Waiver[]> {
  const input = await readInput(path);
  return parseWaiverFile(input.text, input.name);
}

/** `document` with `waivers` applied to each report, and a run's verdict recomputed. */
export function withWaivers(
  document: ReportDocument,
  waivers: readonly Waiver[],
  now: Date,
): ReportDocument {
  if (!isRun(document)) return applyWaivers(document, waivers, now);
  const reports = document.reports.map((report) => applyWaivers(report, waivers, now));
  const run: AuditRun = {
    ...document,
    verdict: worstVerdict(reports.map((r) => r.verdict)),
    reports,
  };
  return run;
}
