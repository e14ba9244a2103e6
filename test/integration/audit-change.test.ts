/**
 * From a Batch change to an alert, end to end against moto_server: the real
 * Lambda handler (middy, Powertools) receives a CloudTrail-shaped event, reads
 * the account through the real adapters and publishes to SNS, and the alert is
 * read back from an SQS queue subscribed to the topic.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext, lambdaEnvironment } from '../support/lambda-context';
import { type MotoServer, startMoto } from '../support/moto';
import { createComputeEnvironmentEvent, MOTO_AMIS, MotoWorld } from '../support/moto-world';

let moto: MotoServer;
let world: MotoWorld;
let handler: (event: unknown, context: unknown) => Promise<unknown>;

beforeAll(async () => {
  moto = await startMoto();
  world = await new MotoWorld(moto).setUp();
  Object.assign(process.env, {
    ...lambdaEnvironment(moto.endpoint, world.topicArn),
    FINDING_STATE_TABLE: world.stateTable,
  });
  ({ handler } = (await import('../../functions/audit-change')) as unknown as {
    handler: typeof handler;
  });
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await world.alerts(); // start each test with an empty queue
});

const invoke = (event: unknown) => handler(event, lambdaContext('auditChange'));

describe('CreateComputeEnvironment event', () => {
  it('alerts once, naming the compute environment, the AMI and the failed rule, for a paravirtual image', async () => {
    // GIVEN a compute environment whose image is paravirtual
    const arn = await world.createComputeEnvironment('pv-images', {
      imageId: MOTO_AMIS.paravirtual,
    });

    // WHEN CloudTrail reports its creation
    await invoke(createComputeEnvironmentEvent('pv-images', arn));

    // THEN exactly one alert names it, its AMI and the HVM rule
    const alerts = await world.alerts();
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert?.Subject).toBe(
      `[FAIL] Batch AMI ${MOTO_AMIS.paravirtual} in pv-images: new image-hvm`,
    );
    const body = JSON.parse(alert?.Message ?? '{}');
    expect(body).toMatchObject({
      schemaVersion: 2,
      verdict: 'FAIL',
      amiId: MOTO_AMIS.paravirtual,
      computeEnvironment: { name: 'pv-images', arn },
      failedRules: ['image-hvm'],
      origin: 'computeResources.imageId',
    });
    expect(body.problems[0].message).toContain('paravirtual');
    expect(alert?.MessageAttributes).toMatchObject({
      verdict: { Type: 'String', Value: 'FAIL' },
      severity: { Type: 'String', Value: 'critical' },
      computeEnvironment: { Type: 'String', Value: 'pv-images' },
      amiId: { Type: 'String', Value: MOTO_AMIS.paravirtual },
      region: { Type: 'String', Value: 'us-east-1' },
      account: { Type: 'String', Value: '123456789012' },
      failedRules: { Type: 'String.Array', Value: '["image-hvm"]' },
    });
  });

  it('alerts when an arm64 image serves x86_64 instance types', async () => {
    const arn = await world.createComputeEnvironment('arm-on-x86', {
      imageId: MOTO_AMIS.al2023Arm64,
      instanceTypes: ['c4.large', 'm4.large'],
    });

    await invoke(createComputeEnvironmentEvent('arm-on-x86', arn));

    const alerts = await world.alerts();
    expect(alerts).toHaveLength(1);
    const body = JSON.parse(alerts[0]?.Message ?? '{}');
    // (The arm64 image boots UEFI only, which c4 cannot: a second, genuine failure.)
    expect(body.failedRules).toContain('image-architecture');
    const architecture = body.problems.find(
      (p: { ruleId: string }) => p.ruleId === 'image-architecture',
    );
    expect(architecture.message).toMatch(/arm64.*x86_64.*c4\.large/);
  });

  it('stays silent for a compute environment on the ECS-optimized AL2023 image', async () => {
    const arn = await world.createComputeEnvironment('good-images', { imageId: MOTO_AMIS.al2023 });

    const outcome = await invoke(createComputeEnvironmentEvent('good-images', arn));

    expect(outcome).toMatchObject({
      status: 'audited',
      verdicts: [{ amiId: MOTO_AMIS.al2023, verdict: 'PASS' }],
    });
    expect(await world.alerts()).toEqual([]);
  });

  it('follows a launch template at $Latest to the AMI of its newest version', async () => {
    await world.createLaunchTemplate('batch-base', [MOTO_AMIS.al2023, MOTO_AMIS.paravirtual2]);
    const arn = await world.createComputeEnvironment('lt-latest', {
      launchTemplate: { launchTemplateName: 'batch-base', version: '$Latest' },
    });

    await invoke(createComputeEnvironmentEvent('lt-latest', arn));

    const alerts = await world.alerts();
    expect(alerts).toHaveLength(1);
    const body = JSON.parse(alerts[0]?.Message ?? '{}');
    expect(body.amiId).toBe(MOTO_AMIS.paravirtual2);
    expect(body.origin).toBe('launchTemplate: launch template batch-base version $Latest (= 2)');
  });
});

describe('events that need no alert', () => {
  it('stops quietly when the compute environment was deleted before the audit', async () => {
    const outcome = await invoke(
      createComputeEnvironmentEvent(
        'gone',
        'arn:aws:batch:us-east-1:123456789012:compute-environment/gone',
      ),
    );
    expect(outcome).toEqual({
      status: 'deleted',
      computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/gone',
    });
    expect(await world.alerts()).toEqual([]);
  });

  it('rejects a malformed event with the bad field named, without throwing (no retry loop)', async () => {
    const event = createComputeEnvironmentEvent(
      'x',
      'arn:aws:batch:us-east-1:123456789012:compute-environment/x',
    );
    const malformed = { ...event, detail: { ...event.detail, eventID: 42 } };

    const outcome = await invoke(malformed);

    expect(outcome).toMatchObject({ status: 'rejected' });
    expect((outcome as { reason: string }).reason).toContain('detail.eventID');
  });

  it('ignores a call that failed, since nothing changed', async () => {
    const event = createComputeEnvironmentEvent(
      'x',
      'arn:aws:batch:us-east-1:123456789012:compute-environment/x',
    );
    const failed = {
      ...event,
      detail: { ...event.detail, errorCode: 'AccessDenied', responseElements: null },
    };

    const outcome = await invoke(failed);

    expect(outcome).toMatchObject({ status: 'ignored' });
    expect(await world.alerts()).toEqual([]);
  });
});
