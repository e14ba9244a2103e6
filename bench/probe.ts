/**
 * Probe benchmark, on a simulated clock: the real state machine definition
 * and task functions run against the probe test world (moto_server plus a
 * scripted SSM), with each AWS call and Lambda invocation costing a typical
 * latency in simulated seconds. For several boot times it reports:
 *
 * - detected online -> terminate requested (target <= 30 s, collector included),
 * - instance-seconds per audit beyond boot (true online -> terminate requested,
 *   which adds the online polling lag), and in total,
 * - AWS calls, state transitions and Lambda invocations per probe, and the cost of one
 *   audit: the instance and its volume, then Step Functions and Lambda added.
 *
 * Run: `npm run bench -- probe` (scripts/run-ts.mjs bundles bench/index.ts, then runs it).
 */
import { runProbeExecution } from '../test/support/local-probe-execution';
import { HEALTHY, type Latency, ProbeWorld } from '../test/support/probe-world';
import type { Figure } from './summary';

/** Typical latencies of the calls a probe makes, in seconds (assumptions, see docs/probe.md). */
export const TYPICAL_LATENCY: Latency = (service, command) => {
  if (service === 'ec2' && command === 'RunInstances') return 1.5;
  if (service === 'ec2' && command === 'CreateSecurityGroup') return 0.5;
  if (service === 'ec2') return 0.3;
  if (service === 'ssm') return 0.15;
  if (service === 'ecs') return 0.1;
  if (service === 's3') return 0.1;
  return 0.02;
};
/** A warm Lambda invocation plus the Step Functions transition, per task. */
export const TASK_OVERHEAD_SECONDS = 0.15;
/** t3.micro on-demand, us-east-1, per hour (USD), and a 30 GiB gp3 root volume per hour. */
export const T3_MICRO_PER_HOUR = 0.0104;
export const GP3_30GIB_PER_HOUR = (30 * 0.08) / 730;
/** Step Functions Standard, per state transition (USD 0.025 per 1,000). */
export const SFN_PER_TRANSITION = 0.025 / 1000;
/** Lambda arm64 per GB-second and per request, and a task's assumed 0.6 s at 512 MB. */
export const LAMBDA_PER_GB_SECOND = 0.0000133334;
export const LAMBDA_PER_REQUEST = 0.2 / 1_000_000;
export const LAMBDA_GB_SECONDS_PER_TASK = 0.6 * 0.5;

export interface BenchmarkRow {
  readonly bootSeconds: number;
  readonly detectedOnlineToTerminate: number;
  readonly instanceSecondsBeyondBoot: number;
  readonly instanceSecondsTotal: number;
  readonly awsCalls: number;
  /** States entered and retried: what Step Functions Standard bills. */
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  /** The instance and its root volume. */
  readonly costUsd: number;
  /** With Step Functions and Lambda. */
  readonly totalCostUsd: number;
  readonly verdict: string;
}

export async function benchmarkProbe(
  bootTimes: readonly number[] = [45, 70, 120, 360],
  collectorSeconds = 8,
): Promise<BenchmarkRow[]> {
  const world = await ProbeWorld.create();
  try {
    world.latency = TYPICAL_LATENCY;
    const rows: BenchmarkRow[] = [];
    for (const bootSeconds of bootTimes) {
      world.scenario = {
        ...HEALTHY,
        bootSeconds,
        collectorSeconds,
        agent: { ...HEALTHY.agent, afterSeconds: Math.max(20, bootSeconds - 20) },
      };
      const ami = await world.freshAmi();
      world.calls.length = 0;
      const run = await runProbeExecution(world, world.request(ami), {
        taskOverheadSeconds: TASK_OVERHEAD_SECONDS,
      });
      await world.notifier.drain();
      const launchedAt = world.launches.get(run.output?.instanceId ?? '');
      if (!launchedAt)
        throw new Error(
          `the benchmark probe did not launch: ${run.output?.reason ?? run.error?.message}`,
        );
      const transitions = run.events.filter(
        (e) => e.type === 'StateEntered' || e.type === 'StateRetried',
      ).length;
      rows.push(
        measure(
          world,
          launchedAt.getTime(),
          bootSeconds,
          run.output?.verdicts[0]?.verdict ?? 'none',
          {
            stateTransitions: transitions,
            lambdaInvocations: run.tasks.length,
          },
        ),
      );
    }
    return rows;
  } finally {
    await world.stop();
  }
}

function measure(
  world: ProbeWorld,
  launched: number,
  bootSeconds: number,
  verdict: string,
  execution: Pick<BenchmarkRow, 'stateTransitions' | 'lambdaInvocations'>,
): BenchmarkRow {
  const at = (command: string) => world.callsOf(command)[0]?.at.getTime() ?? Number.NaN;
  // When SSM starts answering "Online" for the instance (the world's own rule).
  const trueOnline = launched + bootSeconds * 1000;
  // The first check after that is the one that saw it online; SendCommand follows it.
  const checks = world
    .callsOf('DescribeInstanceInformation')
    .filter((c) => c.at.getTime() >= trueOnline);
  const detected = checks[0]?.at.getTime() ?? Number.NaN;
  const terminated = at('TerminateInstances');
  const total = (terminated - launched) / 1000;
  // EC2 bills per second with a 60 s minimum.
  const instanceCost = ((T3_MICRO_PER_HOUR + GP3_30GIB_PER_HOUR) * Math.max(60, total)) / 3600;
  const lambdaCost =
    execution.lambdaInvocations *
    (LAMBDA_PER_REQUEST + LAMBDA_GB_SECONDS_PER_TASK * LAMBDA_PER_GB_SECOND);
  return {
    bootSeconds,
    detectedOnlineToTerminate: round((terminated - detected) / 1000),
    instanceSecondsBeyondBoot: round((terminated - trueOnline) / 1000),
    instanceSecondsTotal: round(total),
    awsCalls: world.calls.length,
    ...execution,
    costUsd: instanceCost,
    totalCostUsd: instanceCost + execution.stateTransitions * SFN_PER_TRANSITION + lambdaCost,
    verdict,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function formatRows(rows: readonly BenchmarkRow[]): string {
  const header = [
    'boot s',
    'detected online→terminate s',
    'instance-s beyond boot (online→terminate)',
    'instance-s total',
    'AWS calls',
    'transitions',
    'Lambda calls',
    'instance cost USD',
    'total USD',
    'verdict',
  ];
  const lines = rows.map((r) => [
    r.bootSeconds,
    r.detectedOnlineToTerminate,
    r.instanceSecondsBeyondBoot,
    r.instanceSecondsTotal,
    r.awsCalls,
    r.stateTransitions,
    r.lambdaInvocations,
    r.costUsd.toFixed(5),
    r.totalCostUsd.toFixed(5),
    r.verdict,
  ]);
  return [header, ...lines].map((cells) => cells.map(String).join(' | ')).join('\n');
}

/** Boot time of a typical probe (SSM online about 70 s after RunInstances). */
const TYPICAL_BOOT_SECONDS = 70;

/** Prints the benchmark table and whether the 30 s target was met (`npm run bench -- probe`). */
export async function benchProbe(): Promise<Figure[]> {
  const rows = await benchmarkProbe();
  process.stdout.write(
    `\nProbe benchmark (simulated clock; t3.micro; collector ${8} s)\n${formatRows(rows)}\n`,
  );
  const worst = Math.max(...rows.map((r) => r.detectedOnlineToTerminate));
  process.stdout.write(
    `\nTarget: detected online → terminate requested <= 30 s: ${worst <= 30 ? 'met' : 'MISSED'} (worst ${worst} s)\n`,
  );
  const typical = rows.find((r) => r.bootSeconds === TYPICAL_BOOT_SECONDS) ?? rows[0];
  const range = (values: readonly number[]) =>
    Math.min(...values) === Math.max(...values)
      ? `${Math.min(...values)}`
      : `${Math.min(...values)}–${Math.max(...values)}`;
  const boots = rows.map((r) => r.bootSeconds).join('/');
  return [
    {
      figure: `SSM online (detected) → terminate requested, boot ${boots} s`,
      value: `${range(rows.map((r) => r.detectedOnlineToTerminate))} s (target ≤ 30 s)`,
    },
    {
      figure: `instance-s beyond SSM online (true online → terminate), boot ${boots} s`,
      value: `${range(rows.map((r) => r.instanceSecondsBeyondBoot))} s`,
    },
    {
      figure: `per probe, boot ${typical?.bootSeconds} s: instance-s, AWS calls, transitions, Lambda calls`,
      value: `${typical?.instanceSecondsTotal} s, ${typical?.awsCalls} calls, ${typical?.stateTransitions} transitions, ${typical?.lambdaInvocations} invocations`,
    },
    {
      figure: `cost per probe, boot ${boots} s: EC2 + EBS, and in total`,
      value: rows
        .map((r) => `${r.costUsd.toFixed(4)} / ${r.totalCostUsd.toFixed(4)}`)
        .join(', ')
        .concat(' USD'),
    },
  ];
}
