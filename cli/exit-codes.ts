/**
 * Exit codes: the verdict (0, 1, 2) when an audit ran, sysexits(3) codes when it could not.
 * Pipelines gate on these, so they never change meaning.
 */
import type { Verdict } from '../shared/core/engine';

export const EXIT_CODES = {
  PASS: 0,
  FAIL: 1,
  INCONCLUSIVE: 2,
  /** EX_USAGE: a bad flag, argument or command. */
  USAGE: 64,
  /** EX_DATAERR: the input is not what it should be (unparseable, invalid facts). */
  DATA: 65,
  /** EX_NOINPUT: the input file does not exist or cannot be read. */
  NO_INPUT: 66,
  /** EX_UNAVAILABLE: AWS could not be reached or answered with an error (no credentials, throttled past retries). */
  UNAVAILABLE: 69,
  /** EX_SOFTWARE: a bug, or the collector could not run here. */
  SOFTWARE: 70,
  /** EX_IOERR: the report could not be written. */
  IO: 74,
  /** EX_NOPERM: AWS denied a call the audit needs (the message names the action). */
  NO_PERMISSION: 77,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit code of a verdict: 0 PASS, 1 FAIL, 2 INCONCLUSIVE. */
export function exitCodeOf(verdict: Verdict): ExitCode {
  return EXIT_CODES[verdict];
}

/** The exit-code table, as `--help` shows it. */
export const EXIT_CODES_HELP = `
Exit codes:
  0   PASS: every required rule passed
  1   FAIL: a required rule failed
  2   INCONCLUSIVE: no required rule failed, but one could not be decided
  64  usage error (unknown flag or command, bad argument)
  65  bad input data (not collector output, invalid host facts JSON)
  66  input file not found or unreadable
  69  AWS unreachable or failing (no credentials, endpoint down, throttled past retries)
  70  internal error, or the collector could not run
  74  the report could not be written (--output)
  77  AWS denied a call the audit needs (the message names the IAM action)`;
