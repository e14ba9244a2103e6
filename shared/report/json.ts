/** The JSON report: the published contract (docs/report-schema.md), pretty-printed. */
import { auditReportSchema, auditRunSchema } from '../core/report-schema';
import { isRun, type ReportDocument } from './document';

/**
 * Renders a report or run as JSON. Passing it through the schema validates it (the auditor
 * never publishes a document its own schema rejects) and puts keys in the schema's order,
 * so output is byte-stable whatever order the code built the objects in.
 */
export function renderJson(document: ReportDocument): string {
  const published = isRun(document)
    ? auditRunSchema.parse(document)
    : auditReportSchema.parse(document);
  return `${JSON.stringify(published, null, 2)}\n`;
}
