/**
 * The options every report-producing command shares: `--format`, `--output`, `--no-color` and
 * `--waivers`.
 */
import { type Command, Option } from 'commander';
import { type Paint, PLAIN, paintFor } from '../shared/report/paint';
import { REPORT_FORMATS, type ReportFormat } from '../shared/report/render';
import { EXIT_CODES_HELP } from './exit-codes';

/** Parsed output options, as commander hands them to an action. */
export interface ReportOptions<F extends string = ReportFormat> {
  readonly format: F;
  /** Write the report here instead of stdout. */
  readonly output?: string;
  /** False with `--no-color`. */
  readonly color: boolean;
  /** A waiver file (YAML or JSON) to apply before rendering (docs/waivers.md). */
  readonly waivers?: string;
}

/**
 * Adds the output options to `command`, with `formats` as the choices of `--format`
 * (text first, the default) and the exit codes in its `--help`.
 */
export function withReportOptions(
  command: Command,
  formats: readonly string[] = REPORT_FORMATS,
): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(formats).default(formats[0]),
    )
    .option('-o, --output <file>', 'write to <file> instead of stdout; the exit code is unchanged')
    .option(
      '--no-color',
      'no colour in text output (default: colour only on a terminal without NO_COLOR)',
    )
    .option(
      '--waivers <file>',
      'waiver file (YAML or JSON): covered findings are reported as waived and do not decide the verdict',
    )
    .addHelpText('after', EXIT_CODES_HELP);
}

/**
 * The colour for output going where `options` send it: none into a file or with `--no-color`;
 * on stdout, what Node decides from the stream, NO_COLOR and FORCE_COLOR.
 */
export function outputPaint(options: Pick<ReportOptions<string>, 'color' | 'output'>): Paint {
  return options.color && options.output === undefined ? paintFor(process.stdout) : PLAIN;
}
