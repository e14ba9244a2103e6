/**
 * The whole audit pipeline in one process, for fault injection: a CloudTrail event goes to
 * the change handler's logic (shared/pipeline/handle-change-event.ts) with the adapters the
 * Lambda builds (shared/lambda/clients.ts, shared/aws/*) over a private moto_server, invoked
 * as Lambda invokes it asynchronously (retries, then the dead-letter queue); the real probe
 * launcher starts a Step Functions execution in moto (which runs none), and this world plays
 * Step Functions: it runs every RUNNING execution with the deployed definition and the real
 * task functions (test/support/local-probe-execution.ts) on a probe world's scripted SSM and
 * simulated clock, then stops it in moto; Score publishes through the real change-only
 * notifier (SNS → SQS, finding state in DynamoDB).
 *
 * Every client is built with the project's client configuration (adaptive retries, its attempt
 * budget) and carries a FaultInjector, so a test can throttle, fail or crash any call.
 */

import {
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type RunInstancesCommandInput,
  type RunInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createAccountReader } from '../../shared/aws/account-reader';
import { Ec2Probe } from '../../shared/aws/probe/ec2';
import { EcsProbe } from '../../shared/aws/probe/ecs';
import { DynamoDbFactsCache } from '../../shared/aws/probe/facts-cache';
import { StepFunctionsProbeLauncher } from '../../shared/aws/probe/launcher';
import { S3OutputStore } from '../../shared/aws/probe/s3-output';
import { SsmProbe } from '../../shared/aws/probe/ssm';
import { createSnsNotifier } from '../../shared/aws/sns-notifier';
import { getParameters } from '../../shared/aws/ssm-parameters';
import { COLLECTOR_SCRIPT, COLLECTOR_VERSION } from '../../shared/collector/script';
import { WAIVERS } from '../../shared/lambda/waivers';
import { type ChangeOutcome, handleChangeEvent } from '../../shared/pipeline/handle-change-event';
import type { ProbeRequest } from '../../shared/pipeline/ports';
import { type SweepOutcome, sweep } from '../../shared/pipeline/sweep';
import { PROBE_CONFIG_DEFAULTS, type ProbeConfig } from '../../shared/probe/config';
import { type JanitorReport, runJanitor } from '../../shared/probe/janitor';
import type { ProbeDeps } from '../../shared/probe/ports';
import { PROBE_TAG } from '../../shared/probe/tags';
import type { ProbeWaves } from '../../shared/probe/waves';
import { FaultInjector } from './fault-injection';
import { handlerVerdicts, type Observation, probeVerdicts } from './fault-observation';
import { createFaultClients, type FaultClients } from './fault-world-clients';
import {
  type AsyncInvocation,
  asyncInvokeConfig,
  invokeAsync,
  type OnFailureRecord,
} from './lambda-async';
import {
  type CrashPlan,
  type LocalRun,
  loadProbeDefinition,
  runProbeExecution,
} from './local-probe-execution';
import { motoClientConfig } from './moto';
import { type Alert, createComputeEnvironmentEvent, MotoWorld } from './moto-world';
import { HEALTHY, type ProbeScenario, ProbeWorld } from './probe-world';
import { type ProbeWorldEndpoint, serveProbeWorld } from './probe-world-endpoint';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
/** serverless.yml's default `routingTags`. */
const ROUTING_TAGS = ['team', 'owner'];

/**
 * An AMI whose ECS agent is started by a hand-written unit without ecs-init, so it offers no
 * awslogs: the probe FAILs it on a host rule and on the join test. A FAIL is what people are
 * told about, which makes a lost or repeated notification visible.
 */
export const AWSLOGS_MISSING: ProbeScenario = {
  ...HEALTHY,
  host: 'systemd-unit-no-ecs-init',
  // Online at the first check, collected at the first read, registered at the first look: the
  // fewest polls (the suites run dozens of probes; slow boots have their own rows).
  bootSeconds: 30,
  collectorSeconds: 1,
  agent: { joins: true, awslogs: false, afterSeconds: 30 },
};

export class FaultWorld {
  readonly probe: ProbeWorld;
  readonly account: MotoWorld;
  readonly injector = new FaultInjector();
  readonly stateMachineArn: string;
  readonly deadLetterQueueUrl: string;
  readonly changeConfig = asyncInvokeConfig('auditChange');
  readonly sweepConfig = asyncInvokeConfig('sweep');
  /** How the change and sweep functions spread a run's probes (none: all at once). */
  probeWaves: ProbeWaves | undefined;

  private readonly endpoint: ProbeWorldEndpoint;
  private readonly sqs: SQSClient;
  readonly sfn: SFNClient;
  private clients: FaultClients;
  private invocations: AsyncInvocation<unknown>[] = [];
  private executions: LocalRun[] = [];
  private alerts: Alert[] = [];
  /** Probe instances launched into a security group without HTTPS egress: SSM never hears of them. */
  private readonly unreachable = new Set<string>();
  private readonly ec2: EC2Client;
  private names = 0;
  /** Compute environments created since the last settle (deleted by it). */
  private created: string[] = [];

  private constructor(
    probe: ProbeWorld,
    account: MotoWorld,
    endpoint: ProbeWorldEndpoint,
    stateMachineArn: string,
    deadLetterQueueUrl: string,
  ) {
    this.probe = probe;
    this.account = account;
    this.endpoint = endpoint;
    this.stateMachineArn = stateMachineArn;
    this.deadLetterQueueUrl = deadLetterQueueUrl;
    const raw = motoClientConfig(probe.moto);
    this.sqs = new SQSClient(raw);
    this.sfn = new SFNClient(raw);
    this.ec2 = new EC2Client(raw);
    this.clients = this.newClients();
    // The network, as far as SSM is concerned: no HTTPS out, never online.
    const online = probe.describeInstanceInformation.bind(probe);
    probe.describeInstanceInformation = (input) => {
      const id = input.Filters?.find((f) => f.Key === 'InstanceIds')?.Values?.[0];
      return id && this.unreachable.has(id) ? { InstanceInformationList: [] } : online(input);
    };
  }

  static async create(): Promise<FaultWorld> {
    const probe = await ProbeWorld.create();
    probe.scenario = AWSLOGS_MISSING;
    const account = await new MotoWorld(probe.moto).setUp();
    const raw = motoClientConfig(probe.moto);
    const { stateMachineArn = '' } = await new SFNClient(raw).send(
      new CreateStateMachineCommand({
        name: 'auditor-test-probe',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/auditor-test-probe-states`,
        definition: JSON.stringify(loadProbeDefinition()),
      }),
    );
    const { QueueUrl = '' } = await new SQSClient(raw).send(
      new CreateQueueCommand({ QueueName: 'auditor-test-dead-letters' }),
    );
    const endpoint = await serveProbeWorld(probe);
    return new FaultWorld(probe, account, endpoint, stateMachineArn, QueueUrl);
  }

  async stop(): Promise<void> {
    await this.endpoint.close();
    await this.probe.stop();
  }

  /**
   * A new compute environment launching a fresh copy of the official AL2023 AMI (nothing cached,
   * no execution named after it yet), in the probe world's subnet (which has a path to SSM).
   */
  async computeEnvironment(
    options: {
      readonly amiId?: string;
      /** Take the AMI from this launch template at `$Default` instead of `imageId`. */
      readonly launchTemplate?: string;
      readonly tags?: Record<string, string>;
    } = {},
  ): Promise<{ name: string; arn: string; amiId: string }> {
    const amiId = options.amiId ?? (await this.probe.freshAmi());
    this.names += 1;
    const name = `fault-ce-${this.names}`;
    this.created.push(name);
    const source = options.launchTemplate
      ? { launchTemplate: { launchTemplateName: options.launchTemplate, version: '$Default' } }
      : { imageId: amiId };
    const arn = await this.account.createComputeEnvironment(
      name,
      { ...source, subnets: [this.probe.subnetId] },
      options.tags,
    );
    return { name, arn, amiId };
  }

  /** A CloudTrail CreateComputeEnvironment event for `ce`, with an event id of its own. */
  createEvent(ce: { name: string; arn: string }, eventId = `evt-${ce.name}`) {
    return createComputeEnvironmentEvent(ce.name, ce.arn, eventId);
  }

  /** Delivers an EventBridge event to the change function (Lambda async invoke, retries, DLQ). */
  async deliver(event: unknown): Promise<AsyncInvocation<ChangeOutcome>> {
    const invocation = await invokeAsync(
      (e) => this.invokeChange(e),
      event,
      this.changeConfig,
      (record) => this.deadLetter(record),
    );
    this.invocations.push(invocation);
    return invocation;
  }

  /** The change function's handler body, as functions/audit-change.ts wires it. */
  invokeChange(event: unknown): Promise<ChangeOutcome> {
    this.injector.component = 'handler';
    return handleChangeEvent(event, this.auditDeps());
  }

  /** The scheduled sweep (functions/sweep.ts), invoked asynchronously like the change function. */
  async sweep(auditId: string): Promise<AsyncInvocation<SweepOutcome>> {
    const invocation = await invokeAsync(
      () => {
        this.injector.component = 'sweep';
        return sweep(auditId, { ...this.auditDeps(), region: REGION, accountId: ACCOUNT });
      },
      { id: auditId },
      this.sweepConfig,
      (record) => this.deadLetter(record),
    );
    this.invocations.push(invocation);
    return invocation;
  }

  /** What the change and sweep functions give the pipeline (shared/lambda/clients.ts, probeWiring). */
  private auditDeps() {
    const { handler } = this.clients;
    return {
      // A fresh reader per invocation: its call counts and caches belong to one audit.
      reader: createAccountReader({
        batch: handler.batch,
        ec2: handler.ec2,
        ssm: handler.ssm,
        ecs: handler.ecs,
      }),
      notifier: createSnsNotifier({
        sns: handler.sns,
        dynamo: handler.dynamo,
        topicArn: this.account.topicArn,
        tableName: this.account.stateTable,
        routingTagNames: ROUTING_TAGS,
      }),
      waivers: WAIVERS,
      probeLauncher: new StepFunctionsProbeLauncher(
        handler.sfn,
        this.stateMachineArn,
        COLLECTOR_VERSION,
      ),
      factsCache: new DynamoDbFactsCache(handler.factsDoc, {
        tableName: this.probe.table,
        collectorVersion: COLLECTOR_VERSION,
        lifetime: PROBE_CONFIG_DEFAULTS,
      }),
      ...(this.probeWaves ? { probeWaves: this.probeWaves } : {}),
      now: () => new Date(),
    };
  }

  /**
   * Step Functions' part: runs every execution that is RUNNING in moto (started by the launcher,
   * whatever happened to its caller afterwards), once, with the deployed definition and the real
   * tasks, then stops it in moto (so the launcher sees it closed, as it would once it ended).
   */
  async runProbes(
    options: { readonly crash?: CrashPlan; readonly config?: Partial<ProbeConfig> } = {},
  ): Promise<LocalRun[]> {
    const { executions = [] } = await this.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: this.stateMachineArn, statusFilter: 'RUNNING' }),
    );
    const runs: LocalRun[] = [];
    for (const { executionArn, name = '' } of executions) {
      const { input = '{}' } = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      const run = await runProbeExecution(this.probe, JSON.parse(input) as ProbeRequest, {
        executionName: name,
        deps: this.probeDeps(options.config),
        onTask: (task) => {
          this.injector.component = task;
        },
        ...(options.crash ? { crash: options.crash } : {}),
      });
      await this.sfn.send(new StopExecutionCommand({ executionArn }));
      runs.push(run);
    }
    this.executions.push(...runs);
    return runs;
  }

  /** The janitor (functions/janitor.ts) on the probe's clients, at the world's simulated time. */
  janitor(): Promise<JanitorReport> {
    this.injector.component = 'janitor';
    return runJanitor(this.probeDeps());
  }

  /**
   * Re-delivers a dead-lettered event to the change function, as an operator does once the
   * cause is fixed (a person reads the DLQ; the record carries the original event).
   */
  redrive(record: OnFailureRecord): Promise<AsyncInvocation<ChangeOutcome>> {
    return this.deliver(record.requestPayload);
  }

  /** Every alert delivered since the last settle (drained from the queue, kept for settle). */
  async collectAlerts(): Promise<Alert[]> {
    this.alerts.push(...(await this.account.alerts()));
    return [...this.alerts];
  }

  /**
   * What the run left behind, drained: alerts and dead letters are removed from their queues,
   * the run's compute environments are deleted, and the next run starts with fresh clients
   * (new containers) and no active faults.
   */
  async settle(): Promise<Observation> {
    this.injector.clear();
    const observation: Observation = {
      invocations: this.invocations,
      executions: this.executions,
      verdicts: [
        ...this.invocations.flatMap((i) => handlerVerdicts(i.result)),
        ...this.executions.flatMap(probeVerdicts),
      ],
      alerts: await this.collectAlerts(),
      deadLetters: (await this.drain(this.deadLetterQueueUrl)).map(
        (body) => JSON.parse(body) as OnFailureRecord,
      ),
      leftRunning: await this.probe.liveProbeInstances(),
      leftRegistered: await this.probe.containerInstances(),
    };
    this.invocations = [];
    this.executions = [];
    this.alerts = [];
    this.injector.reset();
    this.clients = this.newClients();
    // Every run creates the probe security group afresh, so every run makes the same calls.
    await this.forgetProbeSecurityGroups();
    // Retired, so a later sweep of this account audits only its own compute environments.
    for (const name of this.created) {
      await this.account.deleteComputeEnvironment(name).catch(() => undefined);
    }
    this.created = [];
    return observation;
  }

  /** The probe tasks' deps, as shared/aws/probe/deps.ts builds them, on the simulated clock. */
  probeDeps(overrides: Partial<ProbeConfig> = {}): ProbeDeps {
    const config = this.probe.config(overrides);
    const { probe } = this.clients;
    return {
      config,
      ec2: new Ec2Probe(probe.ec2),
      ssm: new SsmProbe(probe.ssm),
      outputStore: new S3OutputStore(probe.s3),
      ecs: new EcsProbe(probe.ecs),
      cache: new DynamoDbFactsCache(probe.factsDoc, {
        tableName: this.probe.table,
        collectorVersion: COLLECTOR_VERSION,
        lifetime: config,
        now: this.probe.clock.now,
      }),
      // functions/probe-score.ts: the audit functions' own change-only notifier.
      notifier: createSnsNotifier({
        sns: probe.sns,
        dynamo: probe.dynamo,
        topicArn: this.account.topicArn,
        tableName: this.account.stateTable,
        routingTagNames: ROUTING_TAGS,
      }),
      publicParameters: { parameters: (names) => getParameters(probe.ssm, names) },
      collector: { script: COLLECTOR_SCRIPT, version: COLLECTOR_VERSION },
      waivers: WAIVERS,
      now: this.probe.clock.now,
      log: this.probe.log,
    };
  }

  /** The probe security groups of this deployment (found by the owner tag). */
  async probeSecurityGroups() {
    const { SecurityGroups = [] } = await this.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: `tag:${PROBE_TAG.owner}`, Values: [this.probe.owner] }],
      }),
    );
    return SecurityGroups;
  }

  private async forgetProbeSecurityGroups(): Promise<void> {
    for (const group of await this.probeSecurityGroups()) {
      await this.ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }));
    }
  }

  /** Marks a launched probe unreachable when none of its security groups lets HTTPS out. */
  private async checkEgress(input: RunInstancesCommandInput, output: RunInstancesCommandOutput) {
    const { SecurityGroups = [] } = await this.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: input.SecurityGroupIds ?? [] }),
    );
    const https = SecurityGroups.some((group) =>
      (group.IpPermissionsEgress ?? []).some(
        (p) =>
          p.IpProtocol === '-1' ||
          (p.IpProtocol === 'tcp' && (p.FromPort ?? 0) <= 443 && (p.ToPort ?? 0) >= 443),
      ),
    );
    if (https) return;
    for (const instance of output.Instances ?? []) {
      if (instance.InstanceId) this.unreachable.add(instance.InstanceId);
    }
  }

  private async deadLetter(record: OnFailureRecord): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.deadLetterQueueUrl,
        MessageBody: JSON.stringify(record),
      }),
    );
  }

  private async drain(queueUrl: string): Promise<string[]> {
    const bodies: string[] = [];
    for (;;) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) return bodies;
      bodies.push(...Messages.map((m) => m.Body ?? ''));
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  }

  private newClients(): FaultClients {
    return createFaultClients({
      endpoint: this.probe.moto.endpoint,
      ssmEndpoint: this.endpoint.endpoint,
      injector: this.injector,
      observe: (client, service) => this.probe.observe(client, service),
      onLaunch: (input, output) => this.checkEgress(input, output),
    });
  }
}
