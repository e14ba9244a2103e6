/**
 * `batch-ami-audit sweep`: audit every compute environment of an account and region, each
 * distinct AMI described once, as the scheduled sweep does.
 */
import type { Command } from 'commander';
import { type AuditRun, buildRun } from '../../shared/core/report';
import { auditComputeEnvironments } from '../../shared/pipeline/audit-compute-environments';
import { TOOL_VERSION } from '../../shared/version';
import { type AwsCliOptions, accountFor, accountIdFromArn, withAwsOptions } from '../aws-options';
import { emit } from '../emit';
import { type ReportOptions, withReportOptions } from '../report-options';
import { stderrLog } from '../stderr-log';

export function registerSweep(program: Command): void {
  withAwsOptions(
    withReportOptions(
      program
        .command('sweep')
        .description('audit every compute environment of the account and region'),
    ),
  ).action(async (options: ReportOptions & AwsCliOptions) =>
    emit(await sweepAccount(options), options),
  );
}

export async function sweepAccount(options: AwsCliOptions): Promise<AuditRun> {
  const { reader, region } = await accountFor(options);
  const ces = await reader.listComputeEnvironments();
  stderrLog.info(`auditing ${ces.length} compute environments in ${region}`);
  const now = new Date();
  const outcome = await auditComputeEnvironments(ces, `cli-sweep-${now.getTime()}`, {
    reader,
    region,
    accountId: accountIdFromArn(ces[0]?.computeEnvironmentArn),
    now: () => now,
    log: stderrLog,
  });
  for (const skipped of outcome.notApplicable) {
    stderrLog.info(`${skipped.computeEnvironment}: not applicable: ${skipped.reason}`);
  }
  stderrLog.info(`${reader.calls.total} AWS calls`, reader.calls.snapshot());
  return buildRun(outcome.reports, TOOL_VERSION, now);
}
