/**
 * Sweep benchmark: 500 compute environments sharing 25 distinct AMIs (copies of the official
 * ECS-optimized AL2023 image, so they pass the image rules and go to the probe), in a
 * moto_server account, audited by the pipeline the scheduled sweep runs, with the probe wired
 * as deployed: the facts cache (the stack's table, on moto) and a launcher that counts the
 * probes it is asked to start instead of starting Step Functions executions.
 *
 * - First run: nothing cached, so one probe per distinct AMI.
 * - Cached run: the cache filled with each AMI's facts (as the probes' Score task would), so
 *   every verdict is final at once and no probe starts.
 *
 * Prints AWS calls per operation and wall time of each. Target: calls grow with distinct
 * AMIs and pages, not with compute environments.
 *
 * Run: npm run bench -- sweep
 */
import { join } from 'node:path';
import { BatchClient, CreateComputeEnvironmentCommand } from '@aws-sdk/client-batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AccountClients, createAccountReader } from '../shared/aws/account-reader';
import { CallCounter } from '../shared/aws/call-counter';
import { DynamoDbFactsCache } from '../shared/aws/probe/facts-cache';
import { COLLECTOR_VERSION } from '../shared/collector/script';
import type { ProbeLauncher, ProbeRequest, ProbeStartResult } from '../shared/pipeline/ports';
import { type SweepOutcome, sweep } from '../shared/pipeline/sweep';
import { PROBE_CONFIG_DEFAULTS } from '../shared/probe/config';
import { joinFactsOfRegistration } from '../shared/probe/join-facts';
import { hostFacts } from '../test/support/host-facts-builder';
import { motoClientConfig, startMoto } from '../test/support/moto';
import { MotoWorld } from '../test/support/moto-world';
import { createFactsTable, writeAmiCatalogue } from '../test/support/probe-resources';
import { type Figure, seconds } from './summary';
import { printTable } from './table';

const COMPUTE_ENVIRONMENTS = 500;
const DISTINCT_AMIS = 25;
const FACTS_TABLE = 'bench-probe-facts';
/**
 * Instance types that do not require ENA: moto describes no AMI as ENA-enabled, and types that
 * require it (c5, m5, `optimal`, …) would fail the image rules and never reach the probe.
 */
const INSTANCE_TYPES = [
  ['c4.large'],
  ['m4.large', 'c4'],
  ['r4.large'],
  ['c4.xlarge', 'r4'],
  ['m4.2xlarge'],
];

/** Counts the probes it is asked to start (each a StartExecution in AWS). */
class CountingLauncher implements ProbeLauncher {
  readonly requests: ProbeRequest[] = [];

  async start(request: ProbeRequest): Promise<ProbeStartResult> {
    this.requests.push(request);
    return { status: 'started', executionArn: `arn:bench:${request.amiId}` };
  }
}

interface Run {
  readonly label: string;
  readonly seconds: number;
  readonly calls: Record<string, number>;
  readonly total: number;
  readonly probes: number;
  readonly outcome: SweepOutcome;
}

export async function benchSweep(): Promise<Figure[]> {
  const catalogue = writeAmiCatalogue();
  const moto = await startMoto({ amisPath: join(catalogue.dir, 'amis.json') });
  try {
    const world = await new MotoWorld(moto).setUp();
    const amis = catalogue.fresh.slice(0, DISTINCT_AMIS);
    const setupSeconds = await createComputeEnvironments(world, amis);

    const config = motoClientConfig(moto);
    // The sweep function's clients live for the container: shared by both runs.
    const clients: AccountClients = {
      batch: new BatchClient(config),
      ec2: new EC2Client(config),
      ssm: new SSMClient(config),
      ecs: new ECSClient(config),
    };
    const dynamodb = new DynamoDBClient(config);
    await createFactsTable(dynamodb, FACTS_TABLE);
    const cache = new DynamoDbFactsCache(DynamoDBDocumentClient.from(dynamodb), {
      tableName: FACTS_TABLE,
      collectorVersion: COLLECTOR_VERSION,
      lifetime: PROBE_CONFIG_DEFAULTS,
    });

    const runSweep = async (label: string): Promise<Run> => {
      const counter = new CallCounter();
      const reader = createAccountReader(clients, counter);
      counter.attach(dynamodb);
      const launcher = new CountingLauncher();
      const start = performance.now();
      const outcome = await sweep(`bench-${label}`, {
        reader,
        factsCache: cache,
        probeLauncher: launcher,
        region: 'us-east-1',
        accountId: '123456789012',
        now: () => new Date(),
        notifier: { publish: async () => undefined },
      });
      const seconds = (performance.now() - start) / 1000;
      const calls = counter.snapshot();
      const probes = launcher.requests.length;
      // Each probe start is one StartExecution in AWS.
      if (probes > 0) calls['SFN:StartExecution (counted)'] = probes;
      return { label, seconds, calls, total: counter.total + probes, probes, outcome };
    };

    const first = await runSweep('first');
    await fillCache(cache, amis);
    const cached = await runSweep('cached');
    return report([first, cached], setupSeconds);
  } finally {
    await moto.stop();
  }
}

/** 500 compute environments over the AMIs, naming them in each of Batch's ways. */
async function createComputeEnvironments(world: MotoWorld, amis: readonly string[]) {
  const templates: string[] = [];
  for (const [i, ami] of amis.entries())
    templates.push(await world.createLaunchTemplate(`bench-lt-${i}`, [ami]));
  const started = performance.now();
  for (let i = 0; i < COMPUTE_ENVIRONMENTS; i++) {
    // Each AMI serves 20 compute environments, named in every way and with every instance type.
    const ami = amis[Math.floor((i * amis.length) / COMPUTE_ENVIRONMENTS)] as string;
    const how = i % 5;
    await world.batch.send(
      new CreateComputeEnvironmentCommand({
        computeEnvironmentName: `bench-ce-${String(i).padStart(3, '0')}`,
        type: 'MANAGED',
        serviceRole: world.serviceRoleArn,
        computeResources: {
          type: 'EC2',
          minvCpus: 0,
          maxvCpus: 4,
          instanceTypes: INSTANCE_TYPES[i % INSTANCE_TYPES.length] as string[],
          subnets: [world.subnetId],
          securityGroupIds: [world.securityGroupId],
          instanceRole: 'ecsInstanceRole',
          ...(how <= 2 ? { imageId: ami } : {}),
          ...(how === 3
            ? { ec2Configuration: [{ imageType: 'ECS_AL2023', imageIdOverride: ami }] }
            : {}),
          ...(how === 4
            ? { launchTemplate: { launchTemplateId: templates[amis.indexOf(ami)] } }
            : {}),
        },
      }),
    );
  }
  return (performance.now() - started) / 1000;
}

/** What the probes' Score task caches: a healthy AL2023 host whose agent joined with awslogs. */
async function fillCache(cache: DynamoDbFactsCache, amis: readonly string[]): Promise<void> {
  const driver = 'com.amazonaws.ecs.capability.logging-driver.';
  for (const amiId of amis) {
    await cache.put({
      amiId,
      collectorVersion: COLLECTOR_VERSION,
      host: hostFacts('al2023'),
      join: joinFactsOfRegistration({
        containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/probe/${amiId}`,
        ec2InstanceId: 'i-0bench',
        attributes: [`${driver}awslogs`, `${driver}json-file`, `${driver}none`],
        agentVersion: '1.106.1',
        gpuIds: [],
      }),
      collectedAt: new Date().toISOString(),
    });
  }
}

const verdicts = (outcome: SweepOutcome) =>
  (['PASS', 'FAIL', 'INCONCLUSIVE'] as const)
    .map((v) => outcome.reports.filter((r) => r.verdict === v).length)
    .join(' / ');

function report(runs: readonly Run[], setupSeconds: number): Figure[] {
  const [first] = runs as [Run];
  console.log(
    `\nSweep: ${first.outcome.computeEnvironments} compute environments, ${DISTINCT_AMIS} distinct AMIs (moto_server; set-up ${setupSeconds.toFixed(1)} s)`,
  );
  const operations = [...new Set(runs.flatMap((r) => Object.keys(r.calls)))].sort();
  printTable(
    ['AWS operation', ...runs.map((r) => `${r.label} run`)],
    [
      ...operations.map((op) => [op, ...runs.map((r) => String(r.calls[op] ?? 0))]),
      ['total', ...runs.map((r) => String(r.total))],
    ],
  );
  printTable(
    ['figure', ...runs.map((r) => `${r.label} run`)],
    [
      ['wall time of the sweep', ...runs.map((r) => seconds(r.seconds))],
      ['probes started', ...runs.map((r) => String(r.probes))],
      [
        'reports (compute environment, AMI), final now',
        ...runs.map((r) => String(r.outcome.reports.length)),
      ],
      ['verdicts PASS / FAIL / INCONCLUSIVE', ...runs.map((r) => verdicts(r.outcome))],
      ['AWS calls per distinct AMI', ...runs.map((r) => (r.total / DISTINCT_AMIS).toFixed(2))],
      [
        'AWS calls per compute environment',
        ...runs.map((r) => (r.total / COMPUTE_ENVIRONMENTS).toFixed(3)),
      ],
    ],
  );
  return runs.map((r) => ({
    figure: `${r.label} run: AWS calls, wall time, probes started, verdicts final at once`,
    value: `${r.total} calls, ${seconds(r.seconds)}, ${r.probes} probes, ${r.outcome.reports.length} of ${COMPUTE_ENVIRONMENTS}`,
  }));
}
