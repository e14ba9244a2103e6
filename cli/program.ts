/**
 * The command tree. A command is a module exporting `register<Name>(program)`: it adds its
 * arguments and options (report commands through `withReportOptions`) and an action that builds
 * an AuditReport or AuditRun and hands it to `emit`, which renders it and sets the exit code.
 */
import { Command } from 'commander';
import { oneLine } from '../shared/report/wrap';
import { TOOL_VERSION } from '../shared/version';
import { registerAmi } from './commands/ami';
import { registerCe } from './commands/ce';
import { registerCollect } from './commands/collect';
import { registerHost } from './commands/host';
import { registerRules } from './commands/rules';
import { registerSchema } from './commands/schema';
import { registerScore } from './commands/score';
import { registerSweep } from './commands/sweep';
import { EXIT_CODES_HELP } from './exit-codes';

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerHost,
  registerCollect,
  registerScore,
  registerCe,
  registerSweep,
  registerAmi,
  registerRules,
  registerSchema,
];

/** `error: unknown option '--x'\n(Did you mean --y?)` as one line, in the CLI's error format. */
function oneLineError(message: string): string {
  return `batch-ami-audit: ${oneLine(message.replace(/^error: /, ''))}\n`;
}

export function createProgram(): Command {
  const program = new Command()
    .name('batch-ami-audit')
    .description('Audit AWS Batch compute-resource AMIs against the Batch AMI specification.')
    .version(TOOL_VERSION)
    // Throw instead of exiting, so usage errors end with 64 (not commander's 1, which means FAIL).
    // Subcommands inherit these settings because they are created after them.
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(oneLineError(message)) })
    .showSuggestionAfterError()
    .addHelpText('after', EXIT_CODES_HELP);
  for (const register of COMMANDS) register(program);
  return program;
}
