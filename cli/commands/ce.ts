/**
 * `batch-ami-audit ce <name|arn…>`: audit the AMIs of compute environments from a workstation,
 * through the same pipeline the change handler runs (image rules; cached probe facts when given).
 */
import type { Command } from 'commander';
import { type AuditRun, buildRun } from '../../shared/core/report';
import { InvalidInputError } from '../../shared/errors';
import { auditComputeEnvironments } from '../../shared/pipeline/audit-compute-environments';
import { TOOL_VERSION } from '../../shared/version';
import { type AwsCliOptions, accountFor, accountIdFromArn, withAwsOptions } from '../aws-options';
import { emit } from '../emit';
import { type ReportOptions, withReportOptions } from '../report-options';
import { stderrLog } from '../stderr-log';

export function registerCe(program: Command): void {
  withAwsOptions(
    withReportOptions(
      program
        .command('ce')
        .description(
          'audit the AMIs that compute environments launch (reads the account with your AWS credentials)',
        )
        .argument('<compute-environment...>', 'compute environment names or ARNs'),
    ),
  ).action(async (names: string[], options: ReportOptions & AwsCliOptions) =>
    emit(await auditNamed(names, options), options),
  );
}

export async function auditNamed(
  names: readonly string[],
  options: AwsCliOptions,
): Promise<AuditRun> {
  const { reader, region } = await accountFor(options);
  const ces = await Promise.all(
    names.map(async (name) => {
      const ce = await reader.describeComputeEnvironment(name);
      if (!ce)
        throw new InvalidInputError(`compute environment ${name} does not exist in ${region}`);
      return ce;
    }),
  );
  const now = new Date();
  const outcome = await auditComputeEnvironments(ces, `cli-${now.getTime()}`, {
    reader,
    region,
    accountId: accountIdFromArn(ces[0]?.computeEnvironmentArn),
    now: () => now,
    log: stderrLog,
  });
  for (const skipped of outcome.notApplicable) {
    stderrLog.info(`${skipped.computeEnvironment}: not applicable: ${skipped.reason}`);
  }
  return buildRun(outcome.reports, TOOL_VERSION, now);
}
