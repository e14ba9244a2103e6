/**
 * Secrets found on an audited host never leave it, end to end: the probe state machine runs
 * (locally, with the real tasks) on the `secrets-everywhere` fixture host, whose collector
 * output is the real collector's, with more credentials added to /etc/ecs/ecs.config, one of
 * them on the very line a failing host rule quotes as evidence. The real notifier publishes to
 * moto SNS (delivered to SQS) and records finding states in DynamoDB; Powertools logs are
 * captured; the CLI scores the same collector output in every format. No planted value may
 * appear anywhere, and `<redacted>` must, where they were.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
} from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnsNotifier } from '../../shared/aws/sns-notifier';
import type { ProbeLog } from '../../shared/probe/ports';
import { REPORT_FORMATS } from '../../shared/report/render';
import { runCli } from '../support/cli';
import { FIXTURE_HOSTS_DIR, readHostJson, runFixtureHost } from '../support/fixture-host';
import { type LocalRun, runProbeExecution } from '../support/local-probe-execution';
import { motoClientConfig } from '../support/moto';
import { MotoWorld } from '../support/moto-world';
import { HEALTHY, ProbeWorld } from '../support/probe-world';
import { captureOutput } from './support/output-capture';

const HOST = 'secrets-everywhere';
const ADDED = { onQuotedLine: 'secret-16-quoted-line', spaced: 'secret-17-spaced' };
/**
 * The agent reads the first JSON array of the value (json-file, none), so awslogs-logging-driver
 * FAILs quoting this line from /etc/ecs/ecs.config; and systemd's EnvironmentFile, which feeds
 * ecs.config to the agent, accepts blanks around `=`.
 */
const ADDED_LINES = [
  `ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","none"] AWS_SESSION_TOKEN=${ADDED.onQuotedLine}`,
  `DOCKER_REGISTRY_PASSWORD = ${ADDED.spaced}`,
];
const SECRETS = [...(readHostJson(HOST).secrets ?? []), ...Object.values(ADDED)];

/** Everything the probe and the CLI left behind, by where it went. */
const left: Record<string, string> = {};
let world: ProbeWorld;
let run: LocalRun;
const environment = { ...process.env };

/** The collector's real output on the fixture host, with the added ecs.config lines. */
async function collectorOutput(): Promise<string> {
  const ecsConfig = readFileSync(join(FIXTURE_HOSTS_DIR, HOST, 'root/etc/ecs/ecs.config'), 'utf8');
  return runFixtureHost(HOST, {
    files: { 'etc/ecs/ecs.config': `${ecsConfig}${ADDED_LINES.join('\n')}\n` },
  });
}

/** The scripted SSM of the world, answering with `output` once the command succeeded. */
function answerWith(output: string): void {
  const ssm = mockClient(world.ssm);
  ssm.on(DescribeInstanceInformationCommand).callsFake((i) => world.describeInstanceInformation(i));
  ssm.on(SendCommandCommand).callsFake((i) => world.sendCommand(i));
  ssm.on(GetCommandInvocationCommand).callsFake(async (i) => {
    const answer = await world.getCommandInvocation(i);
    return answer.Status === 'Success' ? { ...answer, StandardOutputContent: output } : answer;
  });
}

async function scan(doc: DynamoDBDocumentClient, table: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const page of paginateScan({ client: doc }, { TableName: table })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

beforeAll(async () => {
  // The functions' own Powertools logger and notifier log, at their most verbose.
  Object.assign(process.env, {
    POWERTOOLS_SERVICE_NAME: 'batch-ami-auditor',
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    POWERTOOLS_METRICS_NAMESPACE: 'BatchAmiAuditor',
  });
  const { logger } = await import('../../shared/aws/probe/lambda-runtime');
  const { log, metricSink } = await import('../../shared/lambda/observability');
  const probeLog: ProbeLog = {
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
  };

  const output = await collectorOutput();
  // What SSM keeps as the command's output (and the output bucket, when enabled).
  left.ssmOutput = output;
  world = await ProbeWorld.create();
  world.scenario = { ...HEALTHY, host: HOST };
  answerWith(output);

  const alerts = new MotoWorld(world.moto);
  const published: PublishCommandInput[] = [];
  alerts.sns.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PublishCommand')
        published.push(args.input as PublishCommandInput);
      return next(args);
    },
    { step: 'initialize', name: 'capturePublish' },
  );
  alerts.topicArn =
    (await alerts.sns.send(new CreateTopicCommand({ Name: 'security-alerts' }))).TopicArn ?? '';
  alerts.queueUrl = await alerts.subscribeQueue('security-alerts');
  await alerts.createStateTable();
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(motoClientConfig(world.moto)), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const notifier = createSnsNotifier({
    sns: alerts.sns,
    dynamo,
    topicArn: alerts.topicArn,
    tableName: alerts.stateTable,
    routingTagNames: ['team', 'owner'],
    log,
    metrics: metricSink,
  });
  // The Score task publishes through the stack's notifier and every task logs through Powertools.
  const deps = world.deps.bind(world);
  world.deps = (overrides) => ({ ...deps(overrides), notifier, log: probeLog });

  const capture = captureOutput();
  try {
    run = await runProbeExecution(world, world.request(await world.freshAmi()));
  } finally {
    capture.stop();
  }

  const bodies = published.flatMap((p) => {
    const structured = JSON.parse(String(p.Message)) as Record<string, string>;
    return [p.Subject ?? '', JSON.stringify(p.MessageAttributes), ...Object.values(structured)];
  });
  left.sns = bodies.join('\n');
  left.snsEmail = published
    .map((p) => (JSON.parse(String(p.Message)) as { email?: string }).email ?? '')
    .join('\n');
  left.snsProtocols = published
    .map((p) => Object.keys(JSON.parse(String(p.Message))).join())
    .join('\n');
  left.sqs = JSON.stringify(await alerts.alerts());
  left.logs = capture.text();
  left.factsCache = JSON.stringify(await scan(world.doc, world.table));
  left.findingStates = JSON.stringify(await scan(dynamo, alerts.stateTable));
  left.stepFunctions = JSON.stringify([run.output, run.events]);

  const file = join(tmpdir(), `baa-redaction-${process.pid}.txt`);
  writeFileSync(file, output);
  try {
    for (const format of REPORT_FORMATS) {
      const cli = runCli(['score', file, '--format', format]);
      left[`cli ${format}`] = `${cli.stdout}${cli.stderr}`;
    }
  } finally {
    rmSync(file, { force: true });
  }
}, 180_000);

afterAll(async () => {
  process.env = environment;
  await world?.stop();
});

describe('a probe of a host full of credentials', () => {
  it('FAILs on a host rule whose evidence quotes the ecs.config line that holds a credential', () => {
    expect(run.error).toBeUndefined();
    expect(run.output?.verdicts).toEqual([{ computeEnvironment: 'batch-ce', verdict: 'FAIL' }]);
    expect(left.snsEmail).toContain('awslogs-logging-driver');
    expect(left.snsEmail).toContain('file:/etc/ecs/ecs.config');
    expect(left.snsEmail).toContain(
      'ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","none"] AWS_SESSION_TOKEN=<redacted>',
    );
  });

  it('published to every protocol, logged, cached facts and recorded finding states', () => {
    expect(left.snsProtocols).toMatch(/default.*email|email.*default/);
    expect(left.sqs).toContain('awslogs-logging-driver');
    expect(left.logs).toMatch(/"message":"Verdicts published"/);
    expect(left.factsCache).toContain('ECS_ENGINE_AUTH_DATA');
    expect(left.findingStates).toContain('awslogs-logging-driver');
    for (const format of REPORT_FORMATS) {
      expect(left[`cli ${format}`], format).toContain('awslogs-logging-driver');
    }
  });

  it.each([
    'ssmOutput',
    'sns',
    'sqs',
    'logs',
    'factsCache',
    'findingStates',
    'stepFunctions',
    ...REPORT_FORMATS.map((f) => `cli ${f}`),
  ])('leaves no planted credential in %s', (where) => {
    expect(SECRETS.length).toBeGreaterThan(15);
    const text = left[where] ?? '';
    expect(text.length, where).toBeGreaterThan(0);
    expect(SECRETS.filter((secret) => text.includes(secret))).toEqual([]);
  });

  it.each([
    'ssmOutput',
    'sns',
    'sqs',
    'factsCache',
    'stepFunctions',
    'cli text',
    'cli json',
    'cli markdown',
  ])('shows <redacted> where the credentials were, in %s', (where) => {
    expect(left[where]).toContain('<redacted>');
  });
});
