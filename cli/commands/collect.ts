/** `batch-ami-audit collect`: the collector's raw output, or the collector script itself. */
import type { Command } from 'commander';
import { runCollector } from '../../shared/collector/run-local';
import { COLLECTOR_SCRIPT } from '../../shared/collector/script';
import { writeOutput } from '../io';

interface CollectOptions {
  readonly script?: boolean;
  readonly output?: string;
}

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description('run the collector here and print its raw output, to `score` later or elsewhere')
    .option(
      '--script',
      'print the collector script instead of running it (POSIX sh, to ship to a host)',
    )
    .option('-o, --output <file>', 'write to <file> instead of stdout')
    .action(async (options: CollectOptions) => {
      await writeOutput(options.script ? COLLECTOR_SCRIPT : await runCollector(), options.output);
    });
}
