/**
 * What `ce` and `sweep` share once they have their compute environments: the pipeline the
 * deployed handlers run, compute environments without an AMI named on stderr, and, with
 * `--probe`, a probe (in this process) of every AMI that passes the image rules and has no
 * cached facts, whose reports join the run.
 */

import type { createAccountReader } from '../shared/aws/account-reader';
import { type AuditRun, buildRun } from '../shared/core/report';
import { auditComputeEnvironments } from '../shared/pipeline/audit-compute-environments';
import type { AccountReader } from '../shared/pipeline/ports';
import type { ComputeEnvironment } from '../shared/resolve/compute-environment';
import { TOOL_VERSION } from '../shared/version';
import { type AwsCliOptions, accountFor, accountIdFromArn } from './aws-options';
import { type ProbeCliOptions, probeConfigFrom } from './probe-options';
import { CollectingProbeLauncher, cliProbeDeps, runProbes } from './run-probes';
import { probeOptionsOf } from './stack-outputs';
import { stderrLog } from './stderr-log';

/** `--probe` and the probe's options, as `ce` and `sweep` receive them. */
export type AuditAccountOptions = AwsCliOptions & ProbeCliOptions & { readonly probe?: boolean };

/**
 * Audits the compute environments `select` picks from the account, and returns the run and the
 * reader (whose call counts `sweep` prints). Probe options are checked before the account is read.
 */
export async function auditAccount(
  given: AuditAccountOptions,
  auditId: string,
  select: (reader: AccountReader, region: string) => Promise<readonly ComputeEnvironment[]>,
): Promise<{ readonly run: AuditRun; readonly reader: ReturnType<typeof createAccountReader> }> {
  const options = given.probe ? await probeOptionsOf(given) : given;
  // The compute environments' own subnets serve when --subnet is not given.
  const probeConfig = options.probe ? probeConfigFrom(options, false) : undefined;
  const { reader, region } = await accountFor(options);
  const ces = await select(reader, region);
  const deps = probeConfig ? cliProbeDeps(probeConfig, options) : undefined;
  const launcher = new CollectingProbeLauncher();
  const now = new Date();
  const outcome = await auditComputeEnvironments(ces, auditId, {
    reader,
    region,
    accountId: accountIdFromArn(ces[0]?.computeEnvironmentArn),
    now: () => now,
    log: stderrLog,
    ...(deps ? { probeLauncher: launcher, factsCache: deps.cache } : {}),
  });
  for (const skipped of outcome.notApplicable) {
    stderrLog.info(`${skipped.computeEnvironment}: not applicable: ${skipped.reason}`);
  }
  const probed = deps ? await runProbes(launcher.requests, deps, options) : [];
  return {
    run: buildRun([...outcome.reports, ...probed], TOOL_VERSION, now, outcome.notApplicable),
    reader,
  };
}
