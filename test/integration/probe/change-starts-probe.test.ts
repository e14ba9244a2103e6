/**
 * The change and sweep handlers deployed with the probe (PROBE_STATE_MACHINE_ARN and
 * PROBE_FACTS_TABLE set, as serverless.yml sets them), against moto_server: an AMI that passes
 * the image rules is handed to exactly one probe execution, however often the event comes, and
 * facts an earlier probe cached give the full host verdict without any probe. The probe's Score
 * function then alerts through the same publisher as they do.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbFactsCache } from '../../../shared/aws/probe/facts-cache';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import { COLLECTOR_VERSION } from '../../../shared/collector/script';
import { PROBE_CONFIG_DEFAULTS } from '../../../shared/probe/config';
import { joinFactsOfAbsence, joinFactsOfRegistration } from '../../../shared/probe/join-facts';
import { parseProbeRequest } from '../../../shared/probe/request';
import { runFixtureHost } from '../../support/fixture-host';
import { lambdaContext, lambdaEnvironment } from '../../support/lambda-context';
import { loadProbeDefinition } from '../../support/local-probe-execution';
import { type MotoServer, motoClientConfig, startMoto } from '../../support/moto';
import { createComputeEnvironmentEvent, MOTO_AMIS, MotoWorld } from '../../support/moto-world';
import { createFactsTable } from '../../support/probe-resources';

/** The official ECS-optimized Amazon Linux 2 AMI of moto's catalogue (test/fixtures/moto/amis.json). */
const AL2_AMI = 'ami-06cc69030d77088a1';
const FACTS_TABLE = 'auditor-test-probe-facts';
const DRIVER = 'com.amazonaws.ecs.capability.logging-driver.';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

let moto: MotoServer;
let world: MotoWorld;
let sfn: SFNClient;
let stateMachineArn: string;
let auditChange: Handler;
let sweep: Handler;
let score: Handler;

beforeAll(async () => {
  moto = await startMoto();
  world = await new MotoWorld(moto).setUp();
  const config = motoClientConfig(moto);
  sfn = new SFNClient(config);
  ({ stateMachineArn = '' } = await sfn.send(
    new CreateStateMachineCommand({
      name: 'auditor-test-probe',
      roleArn: 'arn:aws:iam::123456789012:role/auditor-test-probe-states',
      definition: JSON.stringify(loadProbeDefinition()),
    }),
  ));
  await createFactsTable(new DynamoDBClient(config), FACTS_TABLE);
  Object.assign(process.env, {
    ...lambdaEnvironment(moto.endpoint, world.topicArn),
    FINDING_STATE_TABLE: world.stateTable,
    PROBE_STATE_MACHINE_ARN: stateMachineArn,
    PROBE_FACTS_TABLE: FACTS_TABLE,
    // What the probe functions also get (the Score function reads its configuration).
    PROBE_OWNER: 'auditor-test',
    PROBE_CLUSTER: 'auditor-test-probe',
    PROBE_INSTANCE_PROFILE_ARN: 'arn:aws:iam::123456789012:instance-profile/auditor-test-probe',
  });
  ({ handler: auditChange } = (await import('../../../functions/audit-change')) as unknown as {
    handler: Handler;
  });
  ({ handler: sweep } = (await import('../../../functions/sweep')) as unknown as {
    handler: Handler;
  });
  ({ handler: score } = (await import('../../../functions/probe-score')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await world.alerts(); // start each test with an empty queue
});

/** Every probe execution started so far, with the request it was started with. */
async function probeExecutions() {
  const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
  return Promise.all(
    executions.map(async ({ executionArn, name }) => {
      const { input } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return { name, request: parseProbeRequest(JSON.parse(input ?? '{}')) };
    }),
  );
}

describe('a change to a compute environment whose image passes the image rules', () => {
  it('starts exactly one probe of its AMI, and a replayed event starts no second one', async () => {
    const arn = await world.createComputeEnvironment('probed', { imageId: MOTO_AMIS.al2023 });
    const event = createComputeEnvironmentEvent('probed', arn, 'evt-probed');

    const first = await auditChange(event, lambdaContext('auditChange'));

    // The verdict is the probe's to publish: nothing is final yet, so nobody is alerted.
    expect(first).toMatchObject({ status: 'audited', verdicts: [], probes: 1 });
    expect(await world.alerts()).toEqual([]);
    const executions = await probeExecutions();
    expect(executions).toHaveLength(1);
    const [execution] = executions;
    expect(execution?.name).toBe(`${MOTO_AMIS.al2023}-c${COLLECTOR_VERSION}`);
    // The request the Start task validates: the AMI as described, and where Batch launches it.
    expect(execution?.request).toMatchObject({
      auditId: 'change-evt-probed',
      amiId: MOTO_AMIS.al2023,
      image: { imageId: MOTO_AMIS.al2023, found: true, state: 'available' },
      targets: [
        {
          computeEnvironment: { name: 'probed', arn },
          context: { instanceTypes: ['c4.large'], gpu: false },
          subnets: [world.subnetId],
          imageType: expect.stringMatching(/^ECS_AL2/),
        },
      ],
      region: 'us-east-1',
      accountId: '123456789012',
    });

    // EventBridge redelivers the same event: the probe of that AMI is already under way.
    const replay = await auditChange(event, lambdaContext('auditChange'));

    expect(replay).toMatchObject({ status: 'audited', verdicts: [], probes: 1 });
    expect(await probeExecutions()).toHaveLength(1);
    expect(await world.alerts()).toEqual([]);
  });
});

describe('a change to a compute environment whose AMI an earlier probe saw', () => {
  it('judges the cached host and join facts at once, alerts, and starts no probe', async () => {
    // The probe found an AL2 AMI snapshotted with the agent's checkpoint: the agent never joined.
    const cache = new DynamoDbFactsCache(
      DynamoDBDocumentClient.from(new DynamoDBClient(motoClientConfig(moto))),
      {
        tableName: FACTS_TABLE,
        collectorVersion: COLLECTOR_VERSION,
        lifetime: PROBE_CONFIG_DEFAULTS,
      },
    );
    await cache.put({
      amiId: AL2_AMI,
      collectorVersion: COLLECTOR_VERSION,
      host: parseCollectorOutput(await runFixtureHost('al2-baked-checkpoint')),
      join: joinFactsOfAbsence('no container instance appeared within 600 s', true),
      collectedAt: new Date().toISOString(),
    });
    const executionsBefore = (await probeExecutions()).length;
    const arn = await world.createComputeEnvironment('cached', { imageId: AL2_AMI });

    const outcome = await auditChange(
      createComputeEnvironmentEvent('cached', arn, 'evt-cached'),
      lambdaContext('auditChange'),
    );

    expect(outcome).toMatchObject({
      status: 'audited',
      verdicts: [{ amiId: AL2_AMI, verdict: 'FAIL' }],
      probes: 0,
    });
    expect(await probeExecutions()).toHaveLength(executionsBefore);
    const alerts = await world.alerts();
    expect(alerts).toHaveLength(1);
    const body = JSON.parse(alerts[0]?.Message ?? '{}');
    // A host rule and the join test decided it, on top of the image rules (which passed).
    expect([...body.failedRules].sort()).toEqual(['join-agent-registered', 'no-agent-checkpoint']);
    expect(
      body.report.findings.find((f: { ruleId: string }) => f.ruleId === 'image-hvm'),
    ).toMatchObject({
      status: 'PASS',
    });
  });
});

describe('the scheduled sweep', () => {
  it('neither probes an AMI whose probe is under way again nor one whose facts are cached', async () => {
    const executionsBefore = await probeExecutions();

    const summary = await sweep(
      { id: 'sweep-event-1', 'detail-type': 'Scheduled Event', source: 'aws.events' },
      lambdaContext('sweep'),
    );

    expect(summary).toMatchObject({ probesStarted: 0 });
    expect(await probeExecutions()).toEqual(executionsBefore);
    // The cached AMI's FAIL was alerted by the change event already: unchanged, it stays silent.
    expect(await world.alerts()).toEqual([]);
  });
});

describe("the probe's Score function", () => {
  it("alerts through the audit functions' publisher: once for a FAIL, not at all for a PASS", async () => {
    // The request the change handler started the probe with, scored on facts a probe saw.
    const [execution] = await probeExecutions();
    const request = execution?.request;
    if (!request) throw new Error('the first test started no probe');
    const scored = (host: string, awslogs: boolean) =>
      runFixtureHost(host).then((output) =>
        score(
          {
            request,
            executionName: execution.name,
            cached: {
              amiId: request.amiId,
              collectorVersion: COLLECTOR_VERSION,
              host: parseCollectorOutput(output),
              join: joinFactsOfRegistration({
                containerInstanceArn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/p/1',
                ec2InstanceId: 'i-0abc',
                attributes: [
                  `${DRIVER}json-file`,
                  `${DRIVER}none`,
                  ...(awslogs ? [`${DRIVER}awslogs`] : []),
                ],
                agentVersion: '1.106.1',
                gpuIds: [],
              }),
              collectedAt: new Date().toISOString(),
            },
          },
          lambdaContext('probeScore'),
        ),
      );

    expect(await scored('al2023-ecs-optimized', true)).toMatchObject({
      verdicts: [{ computeEnvironment: 'probed', verdict: 'PASS' }],
    });
    expect(await world.alerts()).toEqual([]);

    expect(await scored('systemd-unit-no-ecs-init', false)).toMatchObject({
      verdicts: [{ computeEnvironment: 'probed', verdict: 'FAIL' }],
    });
    const alerts = await world.alerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.Subject).toMatch(
      new RegExp(`^\\[FAIL\\] Batch AMI ${request.amiId} in probed: new .*awslogs-logging-driver`),
    );
    const body = JSON.parse(alerts[0]?.Message ?? '{}');
    expect(body).toMatchObject({ schemaVersion: 2, auditId: 'change-evt-probed', verdict: 'FAIL' });
    expect(body.failedRules).toEqual(
      expect.arrayContaining(['awslogs-logging-driver', 'join-awslogs-advertised']),
    );
  });
});
