/**
 * `batch-ami-audit ce <name|arn…>`: audit the AMIs of compute environments from a workstation,
 * through the same pipeline the change handler runs (image rules; with `--probe`, a probe of
 * each AMI that passes them, or the facts a probe cached).
 */
import type { Command } from 'commander';
import type { AuditRun } from '../../shared/core/report';
import { InvalidInputError } from '../../shared/errors';
import { type AuditAccountOptions, auditAccount } from '../audit-account';
import { withAwsOptions } from '../aws-options';
import { emit } from '../emit';
import { withProbeOptions } from '../probe-options';
import { type ReportOptions, withReportOptions } from '../report-options';

export function registerCe(program: Command): void {
  withProbeOptions(
    withAwsOptions(
      withReportOptions(
        program
          .command('ce')
          .description(
            'audit the AMIs that compute environments launch (reads the account with your AWS credentials)',
          )
          .argument('<compute-environment...>', 'compute environment names or ARNs')
          .option(
            '--probe',
            'also probe each AMI that passes the image rules (launches instances)',
          ),
      ),
    ),
  ).action(async (names: string[], options: ReportOptions & AuditAccountOptions) =>
    emit(await auditNamed(names, options), options),
  );
}

export async function auditNamed(
  names: readonly string[],
  options: AuditAccountOptions,
): Promise<AuditRun> {
  const { run } = await auditAccount(options, `cli-${Date.now()}`, (reader, region) =>
    Promise.all(
      names.map(async (name) => {
        const ce = await reader.describeComputeEnvironment(name);
        if (!ce)
          throw new InvalidInputError(`compute environment ${name} does not exist in ${region}`);
        return ce;
      }),
    ),
  );
  return run;
}
