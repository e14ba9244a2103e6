/** `batch-ami-audit schema`: the JSON Schema of `--format json` reports. */
import type { Command } from 'commander';
import { formatReportJsonSchema } from '../../shared/core/report-schema';
import { writeOutput } from '../io';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of the JSON report (docs/report.schema.json)')
    .option('-o, --output <file>', 'write to <file> instead of stdout')
    .action(async (options: { readonly output?: string }) => {
      await writeOutput(formatReportJsonSchema(), options.output);
    });
}
