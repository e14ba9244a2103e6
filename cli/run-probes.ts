/**
 * How the CLI probes AMIs: in this process, with the very tasks the state machine runs
 * (shared/probe/workstation.ts), a few at a time, progress on stderr. Ctrl-C stops every wait
 * and still terminates every probe; a second Ctrl-C quits at once (probes then power
 * themselves off at their expiry).
 */
import { createProbeDeps } from '../shared/aws/probe/deps';
import type { AuditReport } from '../shared/core/report';
import type { ProbeLauncher, ProbeRequest, ProbeStartResult } from '../shared/pipeline/ports';
import type { ProbeConfig } from '../shared/probe/config';
import type { ProbeDeps } from '../shared/probe/ports';
import { abortableSleep, probeAmiFromWorkstation } from '../shared/probe/workstation';
import { type AwsCliOptions, awsOptionsOf } from './aws-options';
import type { ProbeCliOptions } from './probe-options';
import { stderrLog } from './stderr-log';

/** Probes at once: enough to overlap their boots, few enough to stay cheap and in quota. */
const PARALLEL_PROBES = 4;

/**
 * Scales every wait between probe checks (`BAA_PROBE_WAIT_SCALE`, default 1). Only for running
 * the CLI against an emulator whose instances are "online" at once, as its tests do.
 */
const WAIT_SCALE = waitScale(process.env.BAA_PROBE_WAIT_SCALE);

/** The probe's deps over the command's AWS options; nothing is published, only printed. */
export function cliProbeDeps(
  config: ProbeConfig,
  options: ProbeCliOptions & AwsCliOptions,
): ProbeDeps {
  return createProbeDeps({
    config,
    aws: awsOptionsOf(options),
    ...(options.factsTable ? { factsTable: options.factsTable } : {}),
    log: {
      info: () => undefined,
      warn: (message, extra) => stderrLog.warn(message, extra),
    },
  });
}

/**
 * Probes each request's AMI and returns the reports (one per compute environment, or one for
 * the AMI when a request has none).
 */
export async function runProbes(
  requests: readonly ProbeRequest[],
  deps: ProbeDeps,
  options: Pick<ProbeCliOptions, 'keepOnFailure'>,
): Promise<AuditReport[]> {
  const controller = new AbortController();
  const interrupt = () => {
    stderrLog.warn('interrupted: terminating the probes (Ctrl-C again to quit at once)');
    controller.abort(new Error('Interrupted by Ctrl-C (SIGINT)'));
  };
  process.once('SIGINT', interrupt);
  try {
    const reports = await inBatches(requests, PARALLEL_PROBES, async (request) => {
      const result = await probeAmiFromWorkstation(request, deps, {
        signal: controller.signal,
        keepOnFailure: options.keepOnFailure ?? false,
        onProgress: (progress) => stderrLog.info(`${request.amiId}: ${progress.message}`),
        sleep: (seconds, signal) => abortableSleep(seconds * WAIT_SCALE, signal),
      });
      return result.reports;
    });
    return reports.flat();
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

/**
 * The pipeline's ProbeLauncher for `ce` and `sweep --probe`: it only collects the requests
 * (one per AMI, every compute environment that uses it), which {@link runProbes} then runs
 * here instead of in Step Functions.
 */
export class CollectingProbeLauncher implements ProbeLauncher {
  readonly requests: ProbeRequest[] = [];

  async start(request: ProbeRequest): Promise<ProbeStartResult> {
    this.requests.push(request);
    return { status: 'started', executionArn: `local:${request.amiId}` };
  }
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  }
  return results;
}

function waitScale(value: string | undefined): number {
  const scale = Number(value ?? '1');
  return Number.isFinite(scale) && scale >= 0 ? scale : 1;
}
