/**
 * A ProbeWorld wired as the stack runs the probe, for following credentials wherever a probe
 * could carry them: the Score task publishes through the stack's own notifier (SNS, delivered
 * to SQS, finding states in DynamoDB), every task logs through the functions' Powertools
 * logger (captured from stdout/stderr), and the scripted SSM can answer with any output.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
} from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createSnsNotifier } from '../../../shared/aws/sns-notifier';
import type { ProbeLog } from '../../../shared/probe/ports';
import { type LocalRun, runProbeExecution } from '../../support/local-probe-execution';
import { motoClientConfig } from '../../support/moto';
import { MotoWorld } from '../../support/moto-world';
import { type ProbeScenario, ProbeWorld } from '../../support/probe-world';
import { captureOutput } from './output-capture';

/** What the world's scripted SSM answers to GetCommandInvocation. */
type Invocation = Awaited<ReturnType<ProbeWorld['getCommandInvocation']>>;

/** What one probe left behind, by where it went. */
export interface ProbeTraces {
  readonly run: LocalRun;
  /** Subject, attributes and every protocol's body of each SNS publish. */
  readonly sns: string;
  /** The `email` bodies alone. */
  readonly email: string;
  /** The protocols each publish had a body for. */
  readonly protocols: string;
  readonly sqs: string;
  readonly logs: string;
  readonly factsCache: string;
  readonly findingStates: string;
  /** The execution's output and every state's input and output (Step Functions history). */
  readonly stepFunctions: string;
}

export class RedactionWorld {
  readonly world: ProbeWorld;
  private readonly alerts: MotoWorld;
  private readonly dynamo: DynamoDBDocumentClient;
  private readonly published: PublishCommandInput[] = [];

  private constructor(world: ProbeWorld) {
    this.world = world;
    this.alerts = new MotoWorld(world.moto);
    this.dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(motoClientConfig(world.moto)), {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.alerts.sns.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PublishCommand') {
          this.published.push(args.input as PublishCommandInput);
        }
        return next(args);
      },
      { step: 'initialize', name: 'capturePublish' },
    );
  }

  /**
   * A world whose tasks log through the functions' Powertools logger and publish through the
   * stack's notifier. Set POWERTOOLS_* in the environment first: the loggers read it on import.
   */
  static async create(): Promise<RedactionWorld> {
    const { logger } = await import('../../../shared/aws/probe/lambda-runtime');
    const { log, metricSink } = await import('../../../shared/lambda/observability');
    const self = new RedactionWorld(await ProbeWorld.create());
    const { alerts } = self;
    alerts.topicArn =
      (await alerts.sns.send(new CreateTopicCommand({ Name: 'security-alerts' }))).TopicArn ?? '';
    alerts.queueUrl = await alerts.subscribeQueue('security-alerts');
    await alerts.createStateTable();
    const notifier = createSnsNotifier({
      sns: alerts.sns,
      dynamo: self.dynamo,
      topicArn: alerts.topicArn,
      tableName: alerts.stateTable,
      routingTagNames: ['team', 'owner'],
      log,
      metrics: metricSink,
    });
    // As shared/aws/probe/lambda-runtime.ts adapts the logger for the tasks.
    const probeLog: ProbeLog = {
      info: (message, extra) => logger.info(message, extra ?? {}),
      warn: (message, extra) => logger.warn(message, extra ?? {}),
    };
    const deps = self.world.deps.bind(self.world);
    self.world.deps = (overrides) => ({ ...deps(overrides), notifier, log: probeLog });
    return self;
  }

  /**
   * Probes a fresh AMI in `scenario`, the scripted SSM's answers passed through `answer`, and
   * returns everything it left.
   */
  async probe(
    scenario: ProbeScenario,
    answer: (invocation: Invocation) => Invocation = (i) => i,
  ): Promise<ProbeTraces> {
    const { world } = this;
    world.scenario = scenario;
    const ssm = mockClient(world.ssm);
    ssm
      .on(DescribeInstanceInformationCommand)
      .callsFake((i) => world.describeInstanceInformation(i));
    ssm.on(SendCommandCommand).callsFake((i) => world.sendCommand(i));
    ssm
      .on(GetCommandInvocationCommand)
      .callsFake(async (i) => answer(await world.getCommandInvocation(i)));

    const before = this.published.length;
    const capture = captureOutput();
    let run: LocalRun;
    try {
      run = await runProbeExecution(world, world.request(await world.freshAmi()));
    } finally {
      capture.stop();
    }
    const published = this.published.slice(before);
    const structured = published.map(
      (p) => JSON.parse(String(p.Message)) as Record<string, string>,
    );
    return {
      run,
      sns: published
        .flatMap((p, i) => [
          p.Subject ?? '',
          JSON.stringify(p.MessageAttributes),
          ...Object.values(structured[i] ?? {}),
        ])
        .join('\n'),
      email: structured.map((s) => s.email ?? '').join('\n'),
      protocols: structured.map((s) => Object.keys(s).sort().join()).join('\n'),
      sqs: JSON.stringify(await this.alerts.alerts()),
      logs: capture.text(),
      factsCache: JSON.stringify(await this.scan(world.table)),
      findingStates: JSON.stringify(await this.scan(this.alerts.stateTable)),
      stepFunctions: JSON.stringify([run.output, run.events]),
    };
  }

  async stop(): Promise<void> {
    await this.world.stop();
  }

  private async scan(table: string): Promise<unknown[]> {
    const items: unknown[] = [];
    for await (const page of paginateScan({ client: this.dynamo }, { TableName: table })) {
      items.push(...(page.Items ?? []));
    }
    return items;
  }
}
