/** The error a bad waiver file fails with: every problem, each with its path, line and column. */
import { InvalidInputError } from '../errors';

/** One problem in a waiver file, located. */
export interface WaiverFileProblem {
  /** 1-based line of the offending node (the file's first line when it cannot be located). */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** The field, e.g. `waivers[1].expires`; empty for the file as a whole. */
  readonly field: string;
  readonly message: string;
}

/**
 * A waiver file that cannot be used. The message lists every problem as
 * `waivers.yml:7:5: waivers[1].expires: expected a date, YYYY-MM-DD`, so an editor or CI log
 * links straight to it.
 */
export class WaiverFileError extends InvalidInputError {
  readonly path: string;
  readonly problems: readonly WaiverFileProblem[];

  constructor(path: string, problems: readonly WaiverFileProblem[]) {
    super(
      `Invalid waiver file: ${problems
        .map((p) => `${path}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`)
        .join('; ')}`,
    );
    this.name = 'WaiverFileError';
    this.path = path;
    this.problems = problems;
  }
}
