/**
 * CLI failures, each with the exit code it ends the process with. Messages name what was
 * wrong (the file, the field) so one stderr line is enough to fix it.
 */
import { CommanderError } from 'commander';
import { AwsAccessDeniedError } from '../shared/aws/errors';
import { CollectorRunError, InvalidInputError } from '../shared/errors';
import { oneLine } from '../shared/report/wrap';
import { EXIT_CODES, type ExitCode } from './exit-codes';

/**
 * A bad or missing option found after commander parsed the command line (an option required
 * only with another, a value of the wrong shape): exit 64, like commander's own usage errors.
 */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** An input file that does not exist or cannot be read. */
export class InputReadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputReadError';
  }
}

/** A report or output file that cannot be written. */
export class OutputWriteError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OutputWriteError';
  }
}

/** The exit code for an error that ended a command. */
export function exitCodeForError(error: unknown): ExitCode {
  // Commander has already printed its message; help and --version end with exit code 0.
  if (error instanceof CommanderError)
    return error.exitCode === 0 ? EXIT_CODES.PASS : EXIT_CODES.USAGE;
  if (error instanceof UsageError) return EXIT_CODES.USAGE;
  if (error instanceof InvalidInputError) return EXIT_CODES.DATA;
  if (error instanceof InputReadError) return EXIT_CODES.NO_INPUT;
  if (error instanceof OutputWriteError) return EXIT_CODES.IO;
  if (error instanceof AwsAccessDeniedError) return EXIT_CODES.NO_PERMISSION;
  if (isAwsServiceError(error)) return EXIT_CODES.UNAVAILABLE;
  return EXIT_CODES.SOFTWARE;
}

/** An error from an AWS call or from resolving credentials: not a bug in the auditor. */
function isAwsServiceError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const metadata = (error as { $metadata?: unknown }).$metadata;
  return (
    metadata !== undefined ||
    error.name === 'CredentialsProviderError' ||
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(
      String((error as { code?: unknown }).code ?? error.message),
    )
  );
}

/** Why a file could not be read or written, in words (`no such file`), from a Node error code. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Prints `error` as one line on stderr (with its stack when BAA_DEBUG=1) and returns the exit
 * code it ends the process with. Commander errors were printed by commander already.
 */
export function reportFailure(error: unknown, env: NodeJS.ProcessEnv = process.env): ExitCode {
  const code = exitCodeForError(error);
  if (!(error instanceof CommanderError)) {
    const message = error instanceof Error ? error.message : String(error);
    const bug = code === EXIT_CODES.SOFTWARE && !(error instanceof CollectorRunError);
    const hint =
      bug && env.BAA_DEBUG !== '1' ? ' (internal error; set BAA_DEBUG=1 for details)' : '';
    process.stderr.write(`batch-ami-audit: ${oneLine(message)}${hint}\n`);
  }
  if (env.BAA_DEBUG === '1' && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
    if (error.cause !== undefined) process.stderr.write(`caused by: ${String(error.cause)}\n`);
  }
  return code;
}
