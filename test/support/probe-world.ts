/**
 * A simulated AWS account for probe tests and the probe benchmark.
 *
 * EC2 (launch, describe by tag, terminate, subnets, route tables, endpoints,
 * security groups), ECS (the probe cluster), DynamoDB (the facts cache), S3
 * (the output bucket), SNS and SQS (verdict delivery) and IAM are served by a
 * private moto_server. SSM Run Command is scripted with aws-sdk-client-mock,
 * because moto runs no commands and lacks DescribeInstanceInformation: a
 * scenario says when the instance comes online and how the collector ends, and
 * what it prints is the REAL collector (shared/collector/collect.sh) run
 * against a fixture host (test/fixtures/hosts/<name>), so the probe parses
 * exactly what a booted AMI would print. The ECS agent's registration is
 * simulated in moto when the scenario says it joins. Time is a SimClock:
 * deadlines and backoff run in simulated seconds.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeregisterImageCommand,
  DescribeInstancesCommand,
  type DescribeInstancesCommandOutput,
  DescribeSubnetsCommand,
  EC2Client,
  type RunInstancesCommandInput,
  type RunInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  ECSClient,
  ListContainerInstancesCommand,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
} from '@aws-sdk/client-ecs';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DescribeInstanceInformationCommand,
  type DescribeInstanceInformationCommandInput,
  GetCommandInvocationCommand,
  type GetCommandInvocationCommandInput,
  SendCommandCommand,
  type SendCommandCommandInput,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@aws-sdk/types';
import { mockClient } from 'aws-sdk-client-mock';
import { describeImages } from '../../shared/aws/ec2-images';
import { Ec2Probe } from '../../shared/aws/probe/ec2';
import { EcsProbe } from '../../shared/aws/probe/ecs';
import { DynamoDbFactsCache } from '../../shared/aws/probe/facts-cache';
import { S3OutputStore } from '../../shared/aws/probe/s3-output';
import { SsmProbe } from '../../shared/aws/probe/ssm';
import { getParameters } from '../../shared/aws/ssm-parameters';
import { COLLECTOR_SCRIPT, COLLECTOR_VERSION } from '../../shared/collector/script';
import type { ImageFacts } from '../../shared/core/subject';
import type { ProbeRequest } from '../../shared/pipeline/ports';
import { type ProbeConfig, parseProbeConfig } from '../../shared/probe/config';
import type { ProbeDeps, ProbeLog } from '../../shared/probe/ports';
import { PROBE_TAG } from '../../shared/probe/tags';
import { runFixtureHost } from './fixture-host';
import { type MotoServer, motoClientConfig, startMoto } from './moto';
import { createFactsTable, FRESH_AMIS, writeAmiCatalogue } from './probe-resources';
import { SimClock } from './sim-clock';
import { SnsTestNotifier } from './sns-test-notifier';

export interface ProbeScenario {
  /** The fixture host (test/fixtures/hosts/<name>) the booted AMI is: the collector runs against it. */
  readonly host: string;
  /** Seconds after launch when SSM reports the instance online; Infinity: never. */
  readonly bootSeconds: number;
  /** Seconds the collector runs. */
  readonly collectorSeconds: number;
  readonly command: 'success' | 'failed' | 'hang';
  /** Pads the collector's output to this many characters (past SSM's inline limit, say) with stray lines. */
  readonly outputCharacters?: number;
  readonly agent: {
    readonly joins: boolean;
    readonly awslogs: boolean;
    readonly afterSeconds: number;
  };
  /** Instance types whose RunInstances answers InsufficientInstanceCapacity. */
  readonly capacityErrors: readonly string[];
  /** What GetConsoleOutput returns (moto's own canned output otherwise). */
  readonly consoleOutput?: string;
}

/** The official ECS-optimized AL2023 AMI: boots, collects, joins with awslogs. */
export const HEALTHY: ProbeScenario = {
  host: 'al2023-ecs-optimized',
  bootSeconds: 70,
  collectorSeconds: 6,
  command: 'success',
  agent: { joins: true, awslogs: true, afterSeconds: 50 },
  capacityErrors: [],
};

/** Simulated seconds an AWS call takes (the benchmark sets this; tests leave it at zero). */
export type Latency = (service: string, command: string) => number;

export interface AwsCall {
  readonly at: Date;
  readonly service: string;
  readonly command: string;
  readonly input: unknown;
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const INLINE_LIMIT = 24_000;
const TRUNCATION_MARKER = '\n---Output truncated---';

export class ProbeWorld {
  readonly clock = new SimClock();
  readonly calls: AwsCall[] = [];
  readonly owner = 'auditor-test';
  readonly cluster = 'auditor-test-probe';
  readonly table = 'auditor-test-probe-facts';
  readonly bucket = 'auditor-test-probe-output';
  readonly instanceProfileArn = `arn:aws:iam::${ACCOUNT}:instance-profile/auditor-test-probe`;
  scenario: ProbeScenario = HEALTHY;
  latency: Latency = () => 0;
  /** Launch time of each instance RunInstances created, in simulated time. */
  readonly launches = new Map<string, Date>();
  readonly log: ProbeLog & { readonly lines: string[] };

  readonly ec2: EC2Client;
  readonly ecs: ECSClient;
  readonly ssm: SSMClient;
  /** SSM's parameter store, served by moto (only Run Command is scripted, on `ssm`). */
  readonly parameterStore: SSMClient;
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly notifier: SnsTestNotifier;
  subnetId = '';
  noPathSubnetId = '';
  /** What DescribeImages said of each AMI handed out, as the pipeline puts it in a probe request. */
  readonly images = new Map<string, ImageFacts>();

  private readonly rawEcs: ECSClient;
  private readonly commands = new Map<
    string,
    { instanceId: string; sentAt: Date; bucket?: string; prefix?: string }
  >();
  private readonly registered = new Set<string>();
  private readonly terminated = new Set<string>();
  /** Raw collector output per fixture host (the collector runs once per host and world). */
  private readonly outputs = new Map<string, Promise<string>>();
  private readonly freshAmis: string[];

  readonly moto: MotoServer;
  private readonly amisDir: string;

  private constructor(
    moto: MotoServer,
    notifier: SnsTestNotifier,
    catalogue: { dir: string; fresh: string[] },
  ) {
    this.moto = moto;
    this.amisDir = catalogue.dir;
    this.freshAmis = [...catalogue.fresh];
    const config = motoClientConfig(moto);
    this.ec2 = new EC2Client(config);
    this.ecs = new ECSClient(config);
    this.rawEcs = new ECSClient(config);
    this.ssm = new SSMClient(config);
    this.parameterStore = new SSMClient(config);
    this.s3 = new S3Client({ ...config, forcePathStyle: true });
    this.doc = DynamoDBDocumentClient.from(new DynamoDBClient(config));
    this.notifier = notifier;
    const lines: string[] = [];
    this.log = {
      lines,
      info: (message) => void lines.push(`INFO ${message}`),
      warn: (message) => void lines.push(`WARN ${message}`),
    };
    this.observe(this.ec2, 'ec2');
    this.observe(this.ecs, 'ecs');
    this.observe(this.s3, 's3');
    this.observe(this.parameterStore, 'ssm');
    this.observe(this.doc, 'dynamodb');
    this.scriptSsm();
  }

  static async create(): Promise<ProbeWorld> {
    const catalogue = writeAmiCatalogue();
    const moto = await startMoto({ amisPath: join(catalogue.dir, 'amis.json') });
    const config = motoClientConfig(moto);
    const sns = new SNSClient(config);
    const sqs = new SQSClient(config);
    const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'alerts' }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes.QueueArn }),
    );
    const world = new ProbeWorld(
      moto,
      new SnsTestNotifier(sns, sqs, TopicArn, QueueUrl),
      catalogue,
    );
    await world.provision();
    return world;
  }

  /** The stack's resources: instance profile, network with SSM endpoints, cluster, table, bucket. */
  private async provision(): Promise<void> {
    const config = motoClientConfig(this.moto);
    const iam = new IAMClient(config);
    await iam.send(
      new CreateRoleCommand({ RoleName: 'auditor-test-probe', AssumeRolePolicyDocument: '{}' }),
    );
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'auditor-test-probe' }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({
        InstanceProfileName: 'auditor-test-probe',
        RoleName: 'auditor-test-probe',
      }),
    );

    const { Subnets = [] } = await this.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
    );
    const subnet = Subnets.find((s) => s.AvailabilityZone === 'us-east-1a') ?? Subnets[0];
    this.subnetId = subnet?.SubnetId ?? '';
    for (const service of [
      'ssm',
      'ssmmessages',
      'ec2messages',
      'ecs',
      'ecs-agent',
      'ecs-telemetry',
    ]) {
      await this.ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: subnet?.VpcId,
          ServiceName: `com.amazonaws.${REGION}.${service}`,
          VpcEndpointType: 'Interface',
          SubnetIds: [this.subnetId],
          PrivateDnsEnabled: true,
        }),
      );
    }
    // A VPC with neither endpoints nor a default route: probes there could never reach SSM.
    const { Vpc } = await this.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
    const { Subnet } = await this.ec2.send(
      new CreateSubnetCommand({
        VpcId: Vpc?.VpcId,
        CidrBlock: '10.9.1.0/24',
        AvailabilityZone: 'us-east-1b',
      }),
    );
    this.noPathSubnetId = Subnet?.SubnetId ?? '';

    await this.rawEcs.send(new CreateClusterCommand({ clusterName: this.cluster }));
    await createFactsTable(this.doc, this.table);
    await this.s3.send(new CreateBucketCommand({ Bucket: this.bucket }));
  }

  /**
   * A copy of the official ECS-optimized AL2023 x86_64 AMI that no earlier test used, so no
   * cached facts or execution name carry over; described now, as the pipeline would have.
   */
  async freshAmi(): Promise<string> {
    const ami = this.freshAmis.shift();
    if (!ami) throw new Error(`this world has no unused AMI left (it has ${FRESH_AMIS})`);
    const described = (await describeImages(this.ec2, [ami])).get(ami);
    if (!described?.found) throw new Error(`moto does not know the catalogue AMI ${ami}`);
    this.images.set(ami, described);
    return ami;
  }

  /** Deregisters an AMI, as its owner might between the image audit and the probe. */
  async deregister(amiId: string): Promise<void> {
    await this.ec2.send(new DeregisterImageCommand({ ImageId: amiId }));
  }

  config(overrides: Partial<ProbeConfig> = {}): ProbeConfig {
    return parseProbeConfig({
      owner: this.owner,
      cluster: this.cluster,
      instanceProfileArn: this.instanceProfileArn,
      ...overrides,
    });
  }

  /** The real adapters over moto (and the scripted SSM), on the simulated clock. */
  deps(overrides: Partial<ProbeConfig> = {}): ProbeDeps {
    const config = this.config(overrides);
    return {
      config,
      ec2: new Ec2Probe(this.ec2),
      ssm: new SsmProbe(this.ssm),
      outputStore: new S3OutputStore(this.s3),
      ecs: new EcsProbe(this.ecs),
      cache: new DynamoDbFactsCache(this.doc, {
        tableName: this.table,
        collectorVersion: COLLECTOR_VERSION,
        lifetime: config,
        now: this.clock.now,
      }),
      notifier: this.notifier,
      // The baselines come from moto's copy of the public ECS parameters, read by the real adapter.
      publicParameters: { parameters: (names) => getParameters(this.parameterStore, names) },
      collector: { script: COLLECTOR_SCRIPT, version: COLLECTOR_VERSION },
      now: this.clock.now,
      log: this.log,
    };
  }

  /**
   * The request the pipeline would send for `amiId`, used by one compute environment. Its image
   * facts are what DescribeImages said when the AMI was handed out (not found for others).
   */
  request(amiId: string, overrides: Partial<ProbeRequest> = {}): ProbeRequest {
    return {
      auditId: `audit-${randomUUID().slice(0, 8)}`,
      amiId,
      image: this.images.get(amiId) ?? { imageId: amiId, found: false },
      targets: [
        {
          computeEnvironment: {
            name: 'batch-ce',
            arn: `arn:aws:batch:${REGION}:${ACCOUNT}:compute-environment/batch-ce`,
          },
          context: {
            name: 'batch-ce',
            managed: true,
            resourceType: 'EC2',
            orchestration: 'ECS',
            // moto never reports EnaSupport, so a type that requires ENA would (rightly) fail the
            // image; c4 (Xen) does not require it, like the compute environments of moto-world.ts.
            instanceTypes: ['c4.large'],
            gpu: false,
            expectedArchitecture: 'x86_64',
          },
          origin: 'ec2Configuration[ECS_AL2023].imageIdOverride',
          subnets: [this.subnetId],
        },
      ],
      region: REGION,
      accountId: ACCOUNT,
      ...overrides,
    };
  }

  /** Probe instances of this deployment still pending or running (what must be empty after every path). */
  async liveProbeInstances(): Promise<string[]> {
    const { Reservations = [] } = await this.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: `tag:${PROBE_TAG.owner}`, Values: [this.owner] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
        ],
      }),
    );
    return Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? '');
  }

  /** Every instance ever launched for an execution, whatever its state. */
  async instancesOfExecution(execution: string): Promise<string[]> {
    const { Reservations = [] } = await this.ec2.send(
      new DescribeInstancesCommand({
        Filters: [{ Name: `tag:${PROBE_TAG.execution}`, Values: [execution] }],
      }),
    );
    return Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? '');
  }

  /** Container instances registered in the probe cluster now. */
  async containerInstances(): Promise<string[]> {
    const { containerInstanceArns = [] } = await this.rawEcs.send(
      new ListContainerInstancesCommand({ cluster: this.cluster }),
    );
    return containerInstanceArns;
  }

  callsOf(command: string): AwsCall[] {
    return this.calls.filter((call) => call.command === command);
  }

  async stop(): Promise<void> {
    await this.moto.stop();
    rmSync(this.amisDir, { recursive: true, force: true });
  }

  /** What the collector prints on the scenario's fixture host, padded as the scenario says. */
  private async collectorOutput(): Promise<string> {
    const { host, outputCharacters } = this.scenario;
    if (!this.outputs.has(host)) this.outputs.set(host, runFixtureHost(host));
    const output = (await this.outputs.get(host)) ?? '';
    return outputCharacters ? padded(output, outputCharacters) : output;
  }

  /**
   * Records every call in simulated time, injects scenario behaviour EC2 and ECS cannot show.
   * The world's own clients have it; attach it to clients of your own (other retry settings,
   * fault injection) so the scenario plays the same through them.
   */
  observe(client: { middlewareStack: unknown }, service: string): void {
    const middleware: InitializeMiddleware<object, MetadataBearer> =
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '').replace(/Command$/, '');
        this.record(service, command, args.input);
        if (service === 'ec2' && command === 'RunInstances') {
          const input = args.input as RunInstancesCommandInput;
          if (this.scenario.capacityErrors.includes(String(input.InstanceType))) {
            throw serviceError(
              'InsufficientInstanceCapacity',
              `We currently do not have sufficient ${input.InstanceType} capacity in the Availability Zone you requested.`,
            );
          }
          const result = await next(args);
          const id = (result.output as RunInstancesCommandOutput).Instances?.[0]?.InstanceId;
          if (id) this.recordLaunch(id);
          return result;
        }
        if (service === 'ec2' && command === 'TerminateInstances') {
          this.recordTermination((args.input as { InstanceIds?: string[] }).InstanceIds ?? []);
        }
        if (
          service === 'ec2' &&
          command === 'GetConsoleOutput' &&
          this.scenario.consoleOutput !== undefined
        ) {
          const output = Buffer.from(this.scenario.consoleOutput).toString('base64');
          return { output: { $metadata: {}, Output: output }, response: {} } as never;
        }
        if (service === 'ec2' && command === 'DescribeInstances') {
          // moto stamps real time; in this world instances launched in simulated time.
          const result = await next(args);
          const output = result.output as DescribeInstancesCommandOutput;
          for (const instance of (output.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
            const launchedAt = this.launches.get(instance.InstanceId ?? '');
            if (launchedAt) instance.LaunchTime = launchedAt;
          }
          return result;
        }
        if (service === 'ecs' && command === 'ListContainerInstances') await this.simulateAgents();
        return next(args);
      };
    // Every SDK client's stack accepts an initialize middleware; the union of their types does not say so.
    (client.middlewareStack as { add: (m: unknown, o: object) => void }).add(middleware, {
      step: 'initialize',
      name: 'probeWorld',
    });
  }

  private record(service: string, command: string, input: unknown): void {
    this.calls.push({ at: this.clock.now(), service, command, input });
    this.clock.advance(this.latency(service, command));
  }

  /** An instance RunInstances created, launched now in simulated time. */
  recordLaunch(instanceId: string): void {
    this.launches.set(instanceId, this.clock.now());
  }

  /** Instances TerminateInstances was asked to end: their agents register no more. */
  recordTermination(instanceIds: readonly string[]): void {
    for (const id of instanceIds) this.terminated.add(id);
  }

  /** The ECS agent of each booted probe registers once the scenario says it has started. */
  async simulateAgents(): Promise<void> {
    const { agent } = this.scenario;
    if (!agent.joins) return;
    for (const [instanceId, launchedAt] of this.launches) {
      if (this.registered.has(instanceId) || this.terminated.has(instanceId)) continue;
      if (this.clock.since(launchedAt) < agent.afterSeconds) continue;
      this.registered.add(instanceId);
      const { containerInstance } = await this.rawEcs.send(
        new RegisterContainerInstanceCommand({
          cluster: this.cluster,
          instanceIdentityDocument: JSON.stringify({
            instanceId,
            region: REGION,
            availabilityZone: 'us-east-1a',
            instanceType: 't3.micro',
          }),
        }),
      );
      const drivers = ['json-file', 'none', ...(agent.awslogs ? ['awslogs'] : [])];
      await this.rawEcs.send(
        new PutAttributesCommand({
          cluster: this.cluster,
          attributes: drivers.map((driver) => ({
            name: `com.amazonaws.ecs.capability.logging-driver.${driver}`,
            targetId: containerInstance?.containerInstanceArn,
          })),
        }),
      );
    }
  }

  /** The scripted SSM's DescribeInstanceInformation: online once the scenario's boot time passed. */
  describeInstanceInformation(input: DescribeInstanceInformationCommandInput) {
    this.record('ssm', 'DescribeInstanceInformation', input);
    const id = input.Filters?.find((f) => f.Key === 'InstanceIds')?.Values?.[0];
    const launchedAt = id ? this.launches.get(id) : undefined;
    const online =
      launchedAt !== undefined && this.clock.since(launchedAt) >= this.scenario.bootSeconds;
    return { InstanceInformationList: online ? [{ InstanceId: id, PingStatus: 'Online' }] : [] };
  }

  /** The scripted SSM's SendCommand: only the core collector, only on one instance. */
  sendCommand(input: SendCommandCommandInput) {
    this.record('ssm', 'SendCommand', input);
    const instanceId = input.InstanceIds?.[0];
    if (
      input.DocumentName !== 'AWS-RunShellScript' ||
      input.InstanceIds?.length !== 1 ||
      !instanceId
    ) {
      throw serviceError(
        'InvalidDocument',
        'the probe must run AWS-RunShellScript on exactly one instance',
      );
    }
    if (input.Parameters?.commands?.[0] !== COLLECTOR_SCRIPT) {
      throw serviceError('InvalidParameters', 'the command is not the core collector script');
    }
    const commandId = randomUUID();
    this.commands.set(commandId, {
      instanceId,
      sentAt: this.clock.now(),
      ...(input.OutputS3BucketName
        ? { bucket: input.OutputS3BucketName, prefix: input.OutputS3KeyPrefix }
        : {}),
    });
    return { Command: { CommandId: commandId } };
  }

  /** The scripted SSM's GetCommandInvocation: the collector's real output on the scenario's host. */
  async getCommandInvocation(input: GetCommandInvocationCommandInput) {
    this.record('ssm', 'GetCommandInvocation', input);
    const command = this.commands.get(input.CommandId ?? '');
    if (!command) throw serviceError('InvocationDoesNotExist', 'no such invocation');
    const { scenario } = this;
    if (
      scenario.command === 'hang' ||
      this.clock.since(command.sentAt) < scenario.collectorSeconds
    ) {
      return { Status: 'InProgress', StandardOutputContent: '', StandardErrorContent: '' };
    }
    if (scenario.command === 'failed') {
      return {
        Status: 'Failed',
        StatusDetails: 'Failed',
        ResponseCode: 127,
        StandardOutputContent: '',
        StandardErrorContent: 'sh: /var/lib/amazon/ssm/_script.sh: /bin/sh: bad interpreter',
      };
    }
    const full = await this.collectorOutput();
    let url: string | undefined;
    if (command.bucket) {
      // What the SSM agent does with the instance's role: upload the whole output.
      const key = `${command.prefix}/${input.CommandId}/${command.instanceId}/awsrunShellScript/0.awsrunShellScript/stdout`;
      await this.s3.send(new PutObjectCommand({ Bucket: command.bucket, Key: key, Body: full }));
      url = `https://s3.${REGION}.amazonaws.com/${command.bucket}/${key}`;
    }
    const inline =
      full.length > INLINE_LIMIT
        ? `${full.slice(0, INLINE_LIMIT - TRUNCATION_MARKER.length)}${TRUNCATION_MARKER}`
        : full;
    return {
      Status: 'Success',
      ResponseCode: 0,
      StandardOutputContent: inline,
      StandardErrorContent: '',
      ...(url ? { StandardOutputUrl: url } : {}),
    };
  }

  private scriptSsm(): void {
    const ssm = mockClient(this.ssm);
    ssm
      .on(DescribeInstanceInformationCommand)
      .callsFake((input) => this.describeInstanceInformation(input));
    ssm.on(SendCommandCommand).callsFake((input) => this.sendCommand(input));
    ssm.on(GetCommandInvocationCommand).callsFake((input) => this.getCommandInvocation(input));
  }
}

/**
 * Collector output made `characters` long by stray lines before its end marker, as a noisy
 * shell profile would print them: the parser skips them, and a cut drops the end marker.
 */
function padded(output: string, characters: number): string {
  const end = output.lastIndexOf('@@@ end');
  const missing = characters - output.length;
  if (end < 0 || missing <= 0) return output;
  const line = `${'~'.repeat(99)}\n`;
  const stray = line.repeat(Math.ceil(missing / line.length));
  return `${output.slice(0, end)}${stray}${output.slice(end)}`;
}

/** An error shaped like an SDK service exception (name = the service's error code). */
export function serviceError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });
}
