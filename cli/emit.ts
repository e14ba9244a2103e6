/** The one way a command hands its result to the user: apply waivers, render, write, set the exit code. */
import type { ReportDocument } from '../shared/report/document';
import { renderReport } from '../shared/report/render';
import { exitCodeOf } from './exit-codes';
import { info, writeOutput } from './io';
import { outputPaint, type ReportOptions } from './report-options';
import { readWaivers, withWaivers } from './waivers';

/**
 * Applies `--waivers` when given, renders `document` in the chosen format to stdout or
 * `--output`, and sets the process exit code from its verdict (0 PASS, 1 FAIL, 2 INCONCLUSIVE),
 * also when the report went to a file. A waived FAIL does not fail the exit code.
 *
 * @example
 * .action(async (file: string, options: ReportOptions) => emit(await scoreFile(file), options));
 */
export async function emit(audited: ReportDocument, options: ReportOptions): Promise<void> {
  const document =
    options.waivers === undefined
      ? audited
      : withWaivers(audited, await readWaivers(options.waivers), new Date());
  await writeOutput(renderReport(document, options.format, outputPaint(options)), options.output);
  if (options.output !== undefined) {
    info(`wrote the ${options.format} report to ${options.output} (verdict ${document.verdict})`);
  }
  process.exitCode = exitCodeOf(document.verdict);
}
