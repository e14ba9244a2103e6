/** The one way a command hands its result to the user: render, write, set the exit code. */
import type { ReportDocument } from '../shared/report/document';
import { renderReport } from '../shared/report/render';
import { exitCodeOf } from './exit-codes';
import { info, writeOutput } from './io';
import { outputPaint, type ReportOptions } from './report-options';

/**
 * Renders `document` in the chosen format to stdout or `--output`, and sets the process exit
 * code from its verdict (0 PASS, 1 FAIL, 2 INCONCLUSIVE), also when the report went to a file.
 *
 * @example
 * .action(async (file: string, options: ReportOptions) => emit(await scoreFile(file), options));
 */
export async function emit(document: ReportDocument, options: ReportOptions): Promise<void> {
  await writeOutput(renderReport(document, options.format, outputPaint(options)), options.output);
  if (options.output !== undefined) {
    info(`wrote the ${options.format} report to ${options.output} (verdict ${document.verdict})`);
  }
  process.exitCode = exitCodeOf(document.verdict);
}
