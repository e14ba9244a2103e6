/**
 * Static-verdict benchmark: what the change handler spends on the image-only audit of one
 * compute environment with one AMI (no probe wired), on moto_server: AWS calls and local
 * latency per AMI, for each way a compute environment names its AMI. Each audit is a new
 * compute environment (a CreateComputeEnvironment event), with a fresh account reader as one
 * Lambda invocation has, and the stack's notifier against the finding state table.
 *
 * Run: npm run bench -- static
 */
import { join } from 'node:path';
import { BatchClient } from '@aws-sdk/client-batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccountReader } from '../shared/aws/account-reader';
import { CallCounter } from '../shared/aws/call-counter';
import { createSnsNotifier } from '../shared/aws/sns-notifier';
import { handleChangeEvent } from '../shared/pipeline/handle-change-event';
import { motoClientConfig, startMoto } from '../test/support/moto';
import { createComputeEnvironmentEvent, MotoWorld } from '../test/support/moto-world';
import { writeAmiCatalogue } from '../test/support/probe-resources';
import { type Figure, median, ms, percentile } from './summary';
import { printTable } from './table';

/** Audits per shape; the median and 90th percentile of their latencies are reported. */
const AUDITS = 15;
const SHAPES = ['computeResources.imageId', 'launch template ($Default)', 'Batch default (SSM)'];

interface ShapeResult {
  readonly shape: string;
  readonly millis: number[];
  /** Calls per operation of the last audit (every audit of a shape makes the same calls). */
  readonly calls: Record<string, number>;
  readonly totals: number[];
  readonly verdicts: Set<string>;
}

export async function benchStaticVerdict(): Promise<Figure[]> {
  const catalogue = writeAmiCatalogue();
  const moto = await startMoto({ amisPath: join(catalogue.dir, 'amis.json') });
  try {
    const world = await new MotoWorld(moto).setUp();
    // The function's own clients (module scope in Lambda), apart from the world's set-up ones.
    const config = motoClientConfig(moto);
    const account = {
      batch: new BatchClient(config),
      ec2: new EC2Client(config),
      ssm: new SSMClient(config),
      ecs: new ECSClient(config),
    };
    const sns = new SNSClient(config);
    const dynamodb = new DynamoDBClient(config);
    const notifier = createSnsNotifier({
      sns,
      dynamo: DynamoDBDocumentClient.from(dynamodb, {
        marshallOptions: { removeUndefinedValues: true },
      }),
      topicArn: world.topicArn,
      tableName: world.stateTable,
      routingTagNames: ['team'],
    });

    const results: ShapeResult[] = [];
    for (const [index, shape] of SHAPES.entries()) {
      const result: ShapeResult = { shape, millis: [], calls: {}, totals: [], verdicts: new Set() };
      for (let i = 0; i < AUDITS; i++) {
        const ami = catalogue.fresh[index * AUDITS + i] as string;
        const name = `static-${index}-${i}`;
        const arn = await world.createComputeEnvironment(
          name,
          await resourcesFor(world, shape, ami, name),
        );
        const counter = new CallCounter();
        const reader = createAccountReader(account, counter);
        counter.attach(sns);
        counter.attach(dynamodb);
        const started = performance.now();
        const outcome = await handleChangeEvent(createComputeEnvironmentEvent(name, arn), {
          reader,
          notifier,
          now: () => new Date(),
        });
        result.millis.push(performance.now() - started);
        result.totals.push(counter.total);
        Object.assign(result.calls, counter.snapshot());
        if (outcome.status === 'audited')
          for (const v of outcome.verdicts) result.verdicts.add(v.verdict);
      }
      results.push(result);
    }
    return report(results);
  } finally {
    await moto.stop();
  }
}

async function resourcesFor(world: MotoWorld, shape: string, ami: string, name: string) {
  if (shape === 'computeResources.imageId') return { imageId: ami };
  if (shape === 'launch template ($Default)')
    return { launchTemplate: { launchTemplateId: await world.createLaunchTemplate(name, [ami]) } };
  return { ec2Configuration: [{ imageType: 'ECS_AL2023' }] };
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
/** `7`, or `7–9` when the audits of a shape did not all make the same number of calls. */
const range = (values: readonly number[]) =>
  Math.min(...values) === Math.max(...values)
    ? String(values[0])
    : `${Math.min(...values)}–${Math.max(...values)}`;
/** The notifier's calls: the finding state table, and a publish when something changed. */
const notifyCalls = (calls: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(calls).filter(([op]) => op.startsWith('SNS:') || op.startsWith('DynamoDB:')),
  );

function report(results: readonly ShapeResult[]): Figure[] {
  console.log(
    `\nStatic verdict: image-only audit of one compute environment with one AMI (moto_server, ${AUDITS} audits per shape, each a new compute environment)`,
  );
  printTable(
    ['AMI named by', 'AWS calls', 'of which notify', 'median', 'p90', 'verdicts'],
    results.map((r) => [
      r.shape,
      range(r.totals),
      String(total(notifyCalls(r.calls))),
      ms(median(r.millis)),
      ms(percentile(r.millis, 90)),
      [...r.verdicts].join(', '),
    ]),
  );
  for (const r of results) {
    console.log(
      `  ${r.shape}: ${Object.entries(r.calls)
        .map(([op, n]) => `${op} ×${n}`)
        .join(', ')}`,
    );
  }
  return results.map((r) => ({
    figure: `per AMI, named by ${r.shape}`,
    value: `${range(r.totals)} AWS calls (${total(notifyCalls(r.calls))} to the notifier's table), ${ms(median(r.millis))} median (p90 ${ms(percentile(r.millis, 90))})`,
  }));
}
