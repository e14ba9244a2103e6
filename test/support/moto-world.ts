/**
 * Builds a small AWS account in moto_server for integration tests: a VPC with a
 * subnet and security group, the ECS instance role, an alert topic with an SQS
 * queue subscribed to it, the finding state table, and helpers to create compute
 * environments and read the alerts back.
 */
import {
  BatchClient,
  CreateComputeEnvironmentCommand,
  type CreateComputeEnvironmentCommandInput,
  DeleteComputeEnvironmentCommand,
} from '@aws-sdk/client-batch';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type MotoServer, motoClientConfig } from './moto';

/** AMIs moto ships in us-east-1 (see ../shared/reference/toolchain.md). */
export const MOTO_AMIS = {
  /** ECS-optimized AL2023 x86_64 (hvm). */
  al2023: 'ami-0aae19d30bab785d3',
  /** ECS-optimized AL2023 arm64 (hvm). */
  al2023Arm64: 'ami-07033a1a30f75c132',
  /** A paravirtual x86_64 image. */
  paravirtual: 'ami-8104a4f8',
  /** Another paravirtual image. */
  paravirtual2: 'ami-fa7cdd89',
} as const;

/** An SNS envelope as SQS receives it (raw delivery off). */
export interface Alert {
  readonly Subject?: string;
  readonly Message: string;
  readonly MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

export class MotoWorld {
  readonly batch: BatchClient;
  readonly ec2: EC2Client;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly iam: IAMClient;
  readonly dynamodb: DynamoDBClient;
  subnetId = '';
  securityGroupId = '';
  serviceRoleArn = '';
  topicArn = '';
  queueUrl = '';
  /** The finding state table, shaped as serverless.yml's FindingStateTable. */
  stateTable = 'finding-states';

  readonly server: MotoServer;

  constructor(server: MotoServer) {
    this.server = server;
    const config = motoClientConfig(server);
    this.batch = new BatchClient(config);
    this.ec2 = new EC2Client(config);
    this.sns = new SNSClient(config);
    this.sqs = new SQSClient(config);
    this.iam = new IAMClient(config);
    this.dynamodb = new DynamoDBClient(config);
  }

  async setUp(): Promise<this> {
    const vpc = await this.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const vpcId = vpc.Vpc?.VpcId;
    const subnet = await this.ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }),
    );
    this.subnetId = subnet.Subnet?.SubnetId ?? '';
    const group = await this.ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'batch', Description: 'batch' }),
    );
    this.securityGroupId = group.GroupId ?? '';
    await this.iam.send(
      new CreateRoleCommand({ RoleName: 'ecsInstanceRole', AssumeRolePolicyDocument: '{}' }),
    );
    await this.iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'ecsInstanceRole' }),
    );
    await this.iam.send(
      new AddRoleToInstanceProfileCommand({
        InstanceProfileName: 'ecsInstanceRole',
        RoleName: 'ecsInstanceRole',
      }),
    );
    const serviceRole = await this.iam.send(
      new CreateRoleCommand({ RoleName: 'AWSBatchServiceRole', AssumeRolePolicyDocument: '{}' }),
    );
    this.serviceRoleArn = serviceRole.Role?.Arn ?? '';

    const topic = await this.sns.send(new CreateTopicCommand({ Name: 'batch-ami-alerts' }));
    this.topicArn = topic.TopicArn ?? '';
    this.queueUrl = await this.subscribeQueue('alerts');
    await this.createStateTable();
    return this;
  }

  /** (Re)creates the finding state table, empty: every compute environment starts unseen. */
  async createStateTable(): Promise<void> {
    await this.dynamodb
      .send(new DeleteTableCommand({ TableName: this.stateTable }))
      .catch(() => undefined); // absent the first time
    await this.dynamodb.send(
      new CreateTableCommand({
        TableName: this.stateTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await waitUntilTableExists(
      { client: this.dynamodb, maxWaitTime: 10, minDelay: 1 },
      { TableName: this.stateTable },
    );
  }

  /** Subscribes a new SQS queue to the alert topic, optionally with a filter policy. */
  async subscribeQueue(name: string, filterPolicy?: Record<string, unknown>): Promise<string> {
    const queue = await this.sqs.send(new CreateQueueCommand({ QueueName: name }));
    const queueUrl = queue.QueueUrl ?? '';
    const attributes = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    await this.sns.send(
      new SubscribeCommand({
        TopicArn: this.topicArn,
        Protocol: 'sqs',
        Endpoint: attributes.Attributes?.QueueArn,
        ...(filterPolicy ? { Attributes: { FilterPolicy: JSON.stringify(filterPolicy) } } : {}),
      }),
    );
    return queueUrl;
  }

  /** Drains every alert waiting in `queueUrl` (default: the catch-all queue). */
  async alerts(queueUrl = this.queueUrl): Promise<Alert[]> {
    const alerts: Alert[] = [];
    for (;;) {
      const response = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
        }),
      );
      const messages = response.Messages ?? [];
      if (messages.length === 0) return alerts;
      alerts.push(...messages.map((m) => JSON.parse(m.Body ?? '{}') as Alert));
      // Delete what was read, so the next drain sees only newer alerts.
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  }

  async createComputeEnvironment(
    name: string,
    computeResources: Partial<
      NonNullable<CreateComputeEnvironmentCommandInput['computeResources']>
    >,
    tags?: Record<string, string>,
  ): Promise<string> {
    const response = await this.batch.send(
      new CreateComputeEnvironmentCommand({
        computeEnvironmentName: name,
        type: 'MANAGED',
        serviceRole: this.serviceRoleArn,
        ...(tags ? { tags } : {}),
        computeResources: {
          type: 'EC2',
          minvCpus: 0,
          maxvCpus: 4,
          instanceTypes: ['c4.large'],
          subnets: [this.subnetId],
          securityGroupIds: [this.securityGroupId],
          instanceRole: 'ecsInstanceRole',
          ...computeResources,
        },
      }),
    );
    return response.computeEnvironmentArn ?? '';
  }

  /** A launch template whose versions use the given AMIs, in order (version 1 is the default). */
  async createLaunchTemplate(name: string, imageIds: readonly string[]): Promise<string> {
    const [first, ...rest] = imageIds;
    const created = await this.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        LaunchTemplateData: { ImageId: first },
      }),
    );
    for (const imageId of rest) {
      await this.ec2.send(
        new CreateLaunchTemplateVersionCommand({
          LaunchTemplateName: name,
          LaunchTemplateData: { ImageId: imageId },
        }),
      );
    }
    return created.LaunchTemplate?.LaunchTemplateId ?? '';
  }

  /**
   * Adds a version using `imageId` to the launch template and makes it the default, which is
   * how a compute environment at `$Default` moves to another AMI (moto's
   * UpdateComputeEnvironment ignores computeResources).
   */
  async switchLaunchTemplateImage(name: string, imageId: string): Promise<void> {
    const version = await this.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: name,
        LaunchTemplateData: { ImageId: imageId },
      }),
    );
    await this.ec2.send(
      new ModifyLaunchTemplateCommand({
        LaunchTemplateName: name,
        DefaultVersion: String(version.LaunchTemplateVersion?.VersionNumber),
      }),
    );
  }

  async deleteComputeEnvironment(name: string): Promise<void> {
    await this.batch.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: name }));
  }
}

/** The CloudTrail-shaped EventBridge event for a CreateComputeEnvironment call. */
export function createComputeEnvironmentEvent(name: string, arn: string, eventId = `evt-${name}`) {
  return {
    version: '0',
    id: `eb-${eventId}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.batch',
    account: '123456789012',
    time: '2026-11-28T04:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.08',
      eventTime: '2026-11-28T04:00:00Z',
      eventSource: 'batch.amazonaws.com',
      eventName: 'CreateComputeEnvironment',
      awsRegion: 'us-east-1',
      sourceIPAddress: '203.0.113.10',
      userAgent: 'aws-cli/2.0',
      requestParameters: { computeEnvironmentName: name, type: 'MANAGED' },
      responseElements: { computeEnvironmentName: name, computeEnvironmentArn: arn },
      requestID: `req-${eventId}`,
      eventID: eventId,
      readOnly: false,
      eventType: 'AwsApiCall',
      recipientAccountId: '123456789012',
    },
  };
}

/** The CloudTrail-shaped EventBridge event for another Batch call on a compute environment. */
export function computeEnvironmentCallEvent(
  eventName: 'UpdateComputeEnvironment' | 'DeleteComputeEnvironment',
  nameOrArn: string,
  eventId: string,
) {
  const create = createComputeEnvironmentEvent(nameOrArn, nameOrArn, eventId);
  return {
    ...create,
    detail: {
      ...create.detail,
      eventName,
      requestParameters: { computeEnvironment: nameOrArn },
      responseElements:
        eventName === 'DeleteComputeEnvironment'
          ? null
          : {
              computeEnvironmentName: nameOrArn.split('/').pop(),
              computeEnvironmentArn: nameOrArn,
            },
    },
  };
}
