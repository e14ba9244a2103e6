/**
 * `batch-ami-audit ami <ami-id>`: boot one AMI as a probe from a workstation, the way the
 * deployed auditor does (the same tasks, in this process), and audit it with every image, host
 * and join rule. The image is judged for the instance types it is probed on.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { evaluate } from '../../shared/core/engine';
import { type AuditReport, type AuditTarget, buildReport } from '../../shared/core/report';
import type { ComputeEnvironmentContext, ImageFacts } from '../../shared/core/subject';
import type { ProbeRequest } from '../../shared/pipeline/ports';
import { PROBE_CONFIG_DEFAULTS } from '../../shared/probe/config';
import { rulesFor } from '../../shared/rules/index';
import { TOOL_VERSION } from '../../shared/version';
import { type AwsCliOptions, accountFor, accountIdFromArn, withAwsOptions } from '../aws-options';
import { emit } from '../emit';
import { type ProbeCliOptions, probeConfigFrom, withProbeOptions } from '../probe-options';
import { type ReportOptions, withReportOptions } from '../report-options';
import { cliProbeDeps, runProbes } from '../run-probes';
import { probeOptionsOf } from '../stack-outputs';
import { stderrLog } from '../stderr-log';

type AmiOptions = ReportOptions & AwsCliOptions & ProbeCliOptions;

export function registerAmi(program: Command): void {
  withProbeOptions(
    withAwsOptions(
      withReportOptions(
        program
          .command('ami')
          .description(
            'boot an AMI as a short-lived probe and audit it with every rule (launches an instance with your AWS credentials)',
          )
          .argument('<ami-id>', 'the AMI to probe', amiIdArgument),
      ),
    ),
  ).action(async (amiId: string, options: AmiOptions) =>
    emit(await probeAmi(amiId, options), options),
  );
}

/** Judges the image, and unless that already FAILs, probes it and judges the host and the join. */
export async function probeAmi(amiId: string, given: AmiOptions): Promise<AuditReport> {
  const options = await probeOptionsOf(given);
  // Wrong or missing probe options end the command before any call that reads the account.
  probeConfigFrom(options, true);
  const { reader, region } = await accountFor(options);
  const image = (await reader.images([amiId])).get(amiId) ?? { imageId: amiId, found: false };
  const instanceTypes =
    options.instanceType.length > 0 ? options.instanceType : defaultInstanceTypes(image);
  const instanceTypeInfo = await reader.instanceTypes(instanceTypes);
  const context: ComputeEnvironmentContext = {
    // Messages read "compute environment on t3.micro runs no GPU workloads".
    name: `on ${instanceTypes.join(', ')}`,
    managed: true,
    resourceType: 'EC2',
    orchestration: 'ECS',
    instanceTypes,
    instanceTypeInfo,
    gpu: instanceTypeInfo.some((info) => info.gpu),
  };
  const accountId = accountIdFromArn(options.instanceProfile);
  const now = new Date();

  // As in the pipeline, an image-stage FAIL is final: no probe can fix it, so none is launched.
  const imageReport = imageOnlyReport(image, context, { region, accountId, amiId }, now);
  if (imageReport.verdict === 'FAIL') {
    stderrLog.info(`${amiId}: not probed: the image rules already fail it`);
    return imageReport;
  }
  const config = probeConfigFrom(options, true, instanceTypeInfo);
  const request: ProbeRequest = {
    auditId: `cli-${now.getTime()}`,
    amiId,
    image,
    targets: [],
    context,
    region,
    accountId,
  };
  const [report] = await runProbes([request], cliProbeDeps(config, options), options);
  if (!report) throw new Error(`the probe of ${amiId} returned no report`);
  return report;
}

/** The probe's default instance types for the image's architecture (x86_64 when unknown). */
function defaultInstanceTypes(image: ImageFacts): readonly string[] {
  return image.architecture === 'arm64'
    ? PROBE_CONFIG_DEFAULTS.instanceTypes.arm64
    : PROBE_CONFIG_DEFAULTS.instanceTypes.x86_64;
}

function imageOnlyReport(
  image: ImageFacts,
  context: ComputeEnvironmentContext,
  where: { readonly region: string; readonly accountId: string; readonly amiId: string },
  now: Date,
): AuditReport {
  const target: AuditTarget = { kind: 'ami', label: where.amiId, ...where };
  return buildReport({
    target,
    findings: evaluate({ image, context, evaluatedAt: now.toISOString() }, rulesFor(['image'])),
    toolVersion: TOOL_VERSION,
    now,
  });
}

function amiIdArgument(value: string): string {
  if (!/^ami-[0-9a-f]{8,17}$/.test(value)) {
    throw new InvalidArgumentError('not an AMI id such as ami-0123456789abcdef0.');
  }
  return value;
}
