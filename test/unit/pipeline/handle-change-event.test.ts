/**
 * The change handler's behaviour when AWS misbehaves or the compute environment
 * moves under it, with the SDK clients mocked (aws-sdk-client-mock).
 */
import {
  BatchClient,
  type ComputeEnvironmentDetail,
  DescribeComputeEnvironmentsCommand,
} from '@aws-sdk/client-batch';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  type Image,
} from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  ECSClient,
  ListContainerInstancesCommand,
} from '@aws-sdk/client-ecs';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAccountReader } from '../../../shared/aws/account-reader';
import { AwsAccessDeniedError } from '../../../shared/aws/errors';
import { failedRuleIds } from '../../../shared/core/engine';
import { handleChangeEvent } from '../../../shared/pipeline/handle-change-event';
import type { NotificationRun } from '../../../shared/pipeline/ports';
import { createComputeEnvironmentEvent } from '../../support/moto-world';

const batch = mockClient(BatchClient);
const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
const ecs = mockClient(ECSClient);

const CE_ARN = 'arn:aws:batch:us-east-1:123456789012:compute-environment/etl';
const event = createComputeEnvironmentEvent('etl', CE_ARN);

const managedCe = (overrides: Record<string, unknown> = {}): ComputeEnvironmentDetail =>
  ({
    computeEnvironmentName: 'etl',
    computeEnvironmentArn: CE_ARN,
    type: 'MANAGED',
    status: 'VALID',
    computeResources: {
      type: 'EC2',
      instanceTypes: ['c4.large'],
      imageId: 'ami-0custom',
      subnets: ['subnet-1'],
    },
    ...overrides,
  }) as ComputeEnvironmentDetail;

const goodImage: Image = {
  ImageId: 'ami-0custom',
  State: 'available',
  VirtualizationType: 'hvm',
  Architecture: 'x86_64',
  PlatformDetails: 'Linux/UNIX',
  EnaSupport: true,
  RootDeviceType: 'ebs',
  RootDeviceName: '/dev/xvda',
} as Image;

function deps() {
  const clients = {
    batch: new BatchClient({ region: 'us-east-1' }),
    ec2: new EC2Client({ region: 'us-east-1' }),
    ssm: new SSMClient({ region: 'us-east-1' }),
    ecs: new ECSClient({ region: 'us-east-1' }),
  };
  return {
    reader: createAccountReader(clients),
    notifier: {
      publish: async (run: NotificationRun) => {
        runs.push(run);
      },
    },
    now: () => new Date('2026-11-28T05:00:00Z'),
    settleDelaysSeconds: [0, 0, 0],
  };
}

/** What the notifier was handed: every report that needs attention (not PASS). */
const runs: NotificationRun[] = [];
const published = () =>
  runs
    .flatMap((run) => run.reports)
    .filter((report) => report.verdict !== 'PASS')
    .map((report) => ({
      amiId: report.target.amiId,
      failedRules: failedRuleIds(report.findings),
      problems: report.findings.filter((f) => f.status !== 'PASS' && f.status !== 'NOT_APPLICABLE'),
    }));

beforeEach(() => {
  for (const mock of [batch, ec2, ssm, ecs]) mock.reset();
  runs.length = 0;
  ssm.on(GetParametersCommand).resolves({ Parameters: [] });
  ec2.on(DescribeInstanceTypesCommand).resolves({
    InstanceTypes: [
      {
        InstanceType: 'c4.large',
        ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
        NetworkInfo: { EnaSupport: 'supported' },
        SupportedBootModes: ['legacy-bios'],
      },
    ],
  });
});

describe('handleChangeEvent', () => {
  it('fails the invocation with the IAM action named when Batch denies the describe', async () => {
    batch.on(DescribeComputeEnvironmentsCommand).rejects(
      Object.assign(
        new Error('User is not authorized to perform batch:DescribeComputeEnvironments'),
        {
          name: 'AccessDeniedException',
        },
      ),
    );

    const attempt = handleChangeEvent(event, deps());

    await expect(attempt).rejects.toBeInstanceOf(AwsAccessDeniedError);
    await expect(attempt).rejects.toThrow('batch:DescribeComputeEnvironments was denied');
    expect(published()).toEqual([]);
  });

  it('lets throttling that outlived the SDK retries fail the invocation, so Lambda retries it', async () => {
    batch.on(DescribeComputeEnvironmentsCommand).resolves({ computeEnvironments: [managedCe()] });
    ec2
      .on(DescribeImagesCommand)
      .rejects(
        Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' }),
      );

    await expect(handleChangeEvent(event, deps())).rejects.toThrow('Request limit exceeded.');
    expect(published()).toEqual([]);
  });

  it('reports an AMI EC2 cannot describe as FAIL on image-available, with the cause', async () => {
    batch.on(DescribeComputeEnvironmentsCommand).resolves({ computeEnvironments: [managedCe()] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });

    const outcome = await handleChangeEvent(event, deps());

    expect(outcome).toMatchObject({
      status: 'audited',
      verdicts: [{ amiId: 'ami-0custom', verdict: 'FAIL' }],
    });
    const [message] = published();
    expect(message?.failedRules).toEqual(['image-available']);
    expect(message?.problems[0]?.message).toMatch(
      /ami-0custom.*deregistered, not shared with this account, or in another region/,
    );
  });

  it('waits for a CREATING compute environment and stops quietly when it is deleted meanwhile', async () => {
    batch
      .on(DescribeComputeEnvironmentsCommand)
      .resolvesOnce({ computeEnvironments: [managedCe({ status: 'CREATING' })] })
      .resolves({ computeEnvironments: [] });

    const outcome = await handleChangeEvent(event, deps());

    expect(outcome).toEqual({ status: 'deleted', computeEnvironment: CE_ARN });
    expect(batch.commandCalls(DescribeComputeEnvironmentsCommand)).toHaveLength(2);
    expect(published()).toEqual([]);
  });

  it('audits what Batch settled on, not what the request asked for', async () => {
    batch
      .on(DescribeComputeEnvironmentsCommand)
      .resolvesOnce({ computeEnvironments: [managedCe({ status: 'UPDATING' })] })
      .resolves({
        computeEnvironments: [
          managedCe({
            computeResources: { type: 'EC2', instanceTypes: ['c4.large'], imageId: 'ami-0settled' },
          }),
        ],
      });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ...goodImage, ImageId: 'ami-0settled' }] });

    const outcome = await handleChangeEvent(event, deps());

    expect(outcome).toMatchObject({ verdicts: [{ amiId: 'ami-0settled', verdict: 'PASS' }] });
    expect(published()).toEqual([]);
  });

  it('FAILs a compute environment whose launch template version does not exist', async () => {
    batch.on(DescribeComputeEnvironmentsCommand).resolves({
      computeEnvironments: [
        managedCe({
          computeResources: {
            type: 'EC2',
            instanceTypes: ['c4.large'],
            launchTemplate: { launchTemplateName: 'batch-base', version: '7' },
          },
        }),
      ],
    });
    ec2.on(DescribeLaunchTemplateVersionsCommand).rejects(
      Object.assign(new Error('version 7 not found'), {
        name: 'InvalidLaunchTemplateId.VersionNotFound',
      }),
    );
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });

    await handleChangeEvent(event, deps());

    const [message] = published();
    expect(message?.failedRules).toEqual(['ami-resolvable']);
    expect(message?.problems[0]?.message).toMatch(/batch-base.*7/);
  });

  it('audits the AMIs of the instances registered in an unmanaged compute environment', async () => {
    const cluster = 'arn:aws:ecs:us-east-1:123456789012:cluster/etl-unmanaged';
    batch.on(DescribeComputeEnvironmentsCommand).resolves({
      computeEnvironments: [
        {
          computeEnvironmentName: 'etl',
          computeEnvironmentArn: CE_ARN,
          type: 'UNMANAGED',
          status: 'VALID',
          ecsClusterArn: cluster,
        },
      ],
    });
    ecs.on(ListContainerInstancesCommand).resolves({ containerInstanceArns: ['ci-1', 'ci-2'] });
    ecs.on(DescribeContainerInstancesCommand).resolves({
      containerInstances: [{ ec2InstanceId: 'i-1' }, { ec2InstanceId: 'i-2' }],
    });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-1', ImageId: 'ami-0custom', InstanceType: 'c4.large' },
            { InstanceId: 'i-2', ImageId: 'ami-0pv', InstanceType: 'c4.large' },
          ],
        },
      ],
    });
    ec2.on(DescribeImagesCommand).resolves({
      Images: [
        goodImage,
        { ...goodImage, ImageId: 'ami-0pv', VirtualizationType: 'paravirtual' } as Image,
      ],
    });

    const outcome = await handleChangeEvent(event, deps());

    expect(outcome).toMatchObject({
      verdicts: [
        { amiId: 'ami-0custom', verdict: 'PASS' },
        { amiId: 'ami-0pv', verdict: 'FAIL' },
      ],
    });
    expect(ecs.commandCalls(ListContainerInstancesCommand)[0]?.args[0].input).toEqual({ cluster });
    expect(published().map((m) => m.amiId)).toEqual(['ami-0pv']);
  });

  it('audits nothing and alerts nobody for a Fargate compute environment', async () => {
    batch.on(DescribeComputeEnvironmentsCommand).resolves({
      computeEnvironments: [
        managedCe({ computeResources: { type: 'FARGATE', subnets: ['subnet-1'] } }),
      ],
    });

    const outcome = await handleChangeEvent(event, deps());

    expect(outcome).toMatchObject({ status: 'audited', verdicts: [] });
    expect(ec2.commandCalls(DescribeImagesCommand)).toHaveLength(0);
    expect(published()).toEqual([]);
  });
});
