/** One entry point for every report format, so the CLI and the Lambdas render alike. */
import type { ReportDocument } from './document';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { type Paint, PLAIN } from './paint';
import { renderText } from './text';

/** The formats a report can be rendered in (`--format`). */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Renders `document` in `format`. `paint` colours the text format only.
 *
 * @example
 * const xml = renderReport(run, 'junit');
 */
export function renderReport(
  document: ReportDocument,
  format: ReportFormat,
  paint: Paint = PLAIN,
): string {
  switch (format) {
    case 'text':
      return renderText(document, { paint });
    case 'json':
      return renderJson(document);
    case 'markdown':
      return renderMarkdown(document);
    case 'junit':
      return renderJunit(document);
  }
}
