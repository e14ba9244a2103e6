/** `batch-ami-audit schema`: the JSON Schema of `--format json` reports, or of notifications. */
import type { Command } from 'commander';
import { formatReportJsonSchema } from '../../shared/core/report-schema';
import { formatNotificationJsonSchema } from '../../shared/notify/document-schema';
import { writeOutput } from '../io';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of the JSON report (docs/report.schema.json)')
    .option('-o, --output <file>', 'write to <file> instead of stdout')
    .option(
      '--notification',
      'print the schema of the SNS notification document instead (docs/notification.schema.json)',
    )
    .action(async (options: { readonly output?: string; readonly notification?: boolean }) => {
      const schema = options.notification
        ? formatNotificationJsonSchema()
        : formatReportJsonSchema();
      await writeOutput(schema, options.output);
    });
}
