/**
 * Sweep benchmark: 500 compute environments sharing 25 distinct AMIs, in a moto_server
 * account, audited by the same pipeline the scheduled sweep runs. Prints AWS calls per
 * operation and wall time. Target: calls grow with distinct AMIs and pages, not with
 * compute environments (about 5 calls per distinct AMI plus listing pages).
 *
 * Run: npm run bench (all benchmarks) or npm run bench -- sweep
 */
import { BatchClient, CreateComputeEnvironmentCommand } from '@aws-sdk/client-batch';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createAccountReader } from '../shared/aws/account-reader';
import { sweep } from '../shared/pipeline/sweep';
import { motoClientConfig, startMoto } from '../test/support/moto';
import { MotoWorld } from '../test/support/moto-world';
import { printTable } from './table';

const COMPUTE_ENVIRONMENTS = 500;
const DISTINCT_AMIS = 25;
const INSTANCE_TYPES = [
  ['c4.large'],
  ['m4.large', 'c4'],
  ['r4.large'],
  ['c5.large', 'm5'],
  ['optimal'],
];

export async function benchSweep(): Promise<void> {
  const moto = await startMoto({ amisPath: null });
  try {
    const world = await new MotoWorld(moto).setUp();
    const images = await world.ec2.send(
      new DescribeImagesCommand({
        Filters: [
          { Name: 'virtualization-type', Values: ['hvm'] },
          { Name: 'architecture', Values: ['x86_64'] },
        ],
      }),
    );
    const amis = (images.Images ?? []).slice(0, DISTINCT_AMIS).map((i) => i.ImageId ?? '');
    if (amis.length < DISTINCT_AMIS) throw new Error(`moto has only ${amis.length} suitable AMIs`);

    const templates: string[] = [];
    for (let i = 0; i < DISTINCT_AMIS; i++) {
      templates.push(await world.createLaunchTemplate(`bench-lt-${i}`, [amis[i] as string]));
    }
    const setupStart = performance.now();
    for (let i = 0; i < COMPUTE_ENVIRONMENTS; i++) {
      const ami = amis[i % DISTINCT_AMIS] as string;
      const instanceTypes = INSTANCE_TYPES[i % INSTANCE_TYPES.length] as string[];
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
            instanceTypes,
            subnets: [world.subnetId],
            securityGroupIds: [world.securityGroupId],
            instanceRole: 'ecsInstanceRole',
            ...(how <= 2 ? { imageId: ami } : {}),
            ...(how === 3
              ? { ec2Configuration: [{ imageType: 'ECS_AL2023', imageIdOverride: ami }] }
              : {}),
            ...(how === 4
              ? { launchTemplate: { launchTemplateId: templates[i % DISTINCT_AMIS] } }
              : {}),
          },
        }),
      );
    }
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const config = { ...motoClientConfig(moto) };
    const reader = createAccountReader({
      batch: new BatchClient(config),
      ec2: new EC2Client(config),
      ssm: new SSMClient(config),
      ecs: new ECSClient(config),
    });
    let published = 0;
    const start = performance.now();
    const outcome = await sweep('bench', {
      reader,
      region: 'us-east-1',
      accountId: '123456789012',
      now: () => new Date(),
      notifier: {
        publish: async (run) => {
          published += run.reports.length;
        },
      },
    });
    const seconds = (performance.now() - start) / 1000;

    const calls = reader.calls.snapshot();
    console.log(
      `\nSweep: ${outcome.computeEnvironments} compute environments, ${outcome.distinctAmis} distinct AMIs (moto_server; setup ${setupSeconds.toFixed(1)} s)`,
    );
    printTable(
      ['AWS operation', 'calls'],
      [
        ...Object.entries(calls).map(([op, n]) => [op, String(n)]),
        ['total', String(reader.calls.total)],
      ],
    );
    printTable(
      ['figure', 'value'],
      [
        ['wall time of the sweep', `${seconds.toFixed(2)} s`],
        ['reports (compute environment, AMI)', String(outcome.reports.length)],
        ['reports handed to the notifier', String(published)],
        [
          'verdicts PASS / FAIL / INCONCLUSIVE',
          (['PASS', 'FAIL', 'INCONCLUSIVE'] as const)
            .map((v) => outcome.reports.filter((r) => r.verdict === v).length)
            .join(' / '),
        ],
        ['AWS calls per distinct AMI', (reader.calls.total / outcome.distinctAmis).toFixed(2)],
        [
          'AWS calls per compute environment',
          (reader.calls.total / outcome.computeEnvironments).toFixed(3),
        ],
      ],
    );
  } finally {
    await moto.stop();
  }
}
