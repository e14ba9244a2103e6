/**
 * `batch-ami-audit sweep`: audit every compute environment of an account and region, each
 * distinct AMI described (and with `--probe`, probed) once, as the scheduled sweep does.
 */
import type { Command } from 'commander';
import type { AuditRun } from '../../shared/core/report';
import { type AuditAccountOptions, auditAccount } from '../audit-account';
import { withAwsOptions } from '../aws-options';
import { emit } from '../emit';
import { withProbeOptions } from '../probe-options';
import { type ReportOptions, withReportOptions } from '../report-options';
import { stderrLog } from '../stderr-log';

export function registerSweep(program: Command): void {
  withProbeOptions(
    withAwsOptions(
      withReportOptions(
        program
          .command('sweep')
          .description('audit every compute environment of the account and region')
          .option(
            '--probe',
            'also probe each AMI that passes the image rules (launches instances)',
          ),
      ),
    ),
  ).action(async (options: ReportOptions & AuditAccountOptions) =>
    emit(await sweepAccount(options), options),
  );
}

export async function sweepAccount(options: AuditAccountOptions): Promise<AuditRun> {
  const { run, reader } = await auditAccount(
    options,
    `cli-sweep-${Date.now()}`,
    async (reader, region) => {
      const ces = await reader.listComputeEnvironments();
      stderrLog.info(`auditing ${ces.length} compute environments in ${region}`);
      return ces;
    },
  );
  stderrLog.info(`${reader.calls.total} AWS calls`, reader.calls.snapshot());
  return run;
}
