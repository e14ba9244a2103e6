/**
 * `batch-ami-audit`: audit AWS Batch compute-resource AMIs from a workstation or a pipeline.
 * Exit codes: cli/exit-codes.ts and docs/cli.md.
 */
import { reportFailure } from './errors';
import { createProgram } from './program';

// `batch-ami-audit … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}
