/**
 * Fault matrix, delivery group: events delivered more than once or out of order, and an SNS
 * topic that cannot be published to, each through the full pipeline (CloudTrail event →
 * change handler, invoked as Lambda invokes it asynchronously → probe state machine → Score →
 * change-only notifier → SNS → SQS). Rows go to docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS } from '../../shared/aws/client-config';
import { INTERNAL_ERROR, KMS_DISABLED } from '../support/fault-injection';
import type { FaultWorld } from '../support/fault-world';
import { computeEnvironmentCallEvent, MOTO_AMIS } from '../support/moto-world';
import {
  deliveredAbout,
  expectGuarantees,
  MatrixRecorder,
  outcomeOf,
  useFaultWorld,
} from './harness';

const matrix = new MatrixRecorder('delivery');
let world: FaultWorld;

useFaultWorld((started) => {
  world = started;
});

describe('the same event, more than once', () => {
  it('delivered three times, one after another, while the probe is under way', async () => {
    const ce = await world.computeEnvironment();
    const event = world.createEvent(ce);
    const deliveries = [];
    for (let i = 0; i < 3; i += 1) deliveries.push(await world.deliver(event));
    await world.runProbes();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'event-three-times',
      fault: 'Same event delivered three times',
      injectedAt: 'EventBridge → auditChange, sequentially',
      expected: 'one probe (execution name taken), one verdict, one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(deliveries.map((d) => d.result)).toMatchObject([
      { probes: 1 },
      { probes: 1 },
      { probes: 1 },
    ]);
    expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 1, notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it('delivered three times at once', async () => {
    const ce = await world.computeEnvironment();
    const event = world.createEvent(ce);
    await Promise.all([world.deliver(event), world.deliver(event), world.deliver(event)]);
    await world.runProbes();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'event-three-times-at-once',
      fault: 'Same event delivered three times, concurrently',
      injectedAt: 'EventBridge → three concurrent auditChange invocations',
      expected: 'one probe, one verdict, one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 1, notifications: '1' });
    expectGuarantees(seen, ce);
  });
});

describe('events out of order', () => {
  it('the update is handled before the create, after the AMI changed', async () => {
    const before = await world.probe.freshAmi();
    const after = await world.probe.freshAmi();
    const template = `fault-lt-${before}`;
    await world.account.createLaunchTemplate(template, [before]);
    const ce = await world.computeEnvironment({ amiId: after, launchTemplate: template });
    // Created on `before`, then updated to `after`: CloudTrail delivers the update first.
    await world.account.switchLaunchTemplateImage(template, after);
    await world.deliver(
      computeEnvironmentCallEvent('UpdateComputeEnvironment', ce.arn, `evt-${ce.name}-update`),
    );
    await world.deliver(world.createEvent(ce, `evt-${ce.name}-create`));
    await world.runProbes();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'update-before-create',
      fault: 'Events out of order (update before create)',
      injectedAt: 'UpdateComputeEnvironment handled before CreateComputeEnvironment',
      expected: 'both re-describe: only the current AMI is probed, once; one verdict, one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 1, notifications: '1' });
    expect(outcomeOf(seen, { name: ce.name, amiId: before })).toMatchObject({
      verdict: 'none',
      notifications: '0',
    });
    expectGuarantees(seen, ce);
  });
});

describe('SNS publish failures', () => {
  it('a transient failure the SDK retries', async () => {
    const ce = await world.computeEnvironment();
    world.injector.add({ kind: 'error', op: 'SNS:Publish', times: 2, error: INTERNAL_ERROR });
    await world.deliver(world.createEvent(ce));
    await world.runProbes();
    const injected = world.injector.injected.length;
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'sns-transient',
      fault: 'SNS publish failure, transient',
      injectedAt: 'SNS Publish (Score): HTTP 500 twice',
      expected: 'absorbed by the SDK retries; one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(injected).toBe(2);
    expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it('a failure outlasting the SDK retries of one Score invocation', async () => {
    const ce = await world.computeEnvironment();
    world.injector.add({
      kind: 'error',
      op: 'SNS:Publish',
      times: DEFAULT_MAX_ATTEMPTS,
      error: INTERNAL_ERROR,
    });
    await world.deliver(world.createEvent(ce));
    const [run] = await world.runProbes();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'sns-outlasts-sdk',
      fault: 'SNS publish failure, longer than the SDK retries',
      injectedAt: `SNS Publish (Score): HTTP 500 ${DEFAULT_MAX_ATTEMPTS} times`,
      expected: 'the Score task fails and Step Functions retries it; one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(run?.tasks.filter((t) => t === 'Score')).toHaveLength(2);
    expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it('a persistent failure while the probe scores: the next sweep tells', async () => {
    const ce = await world.computeEnvironment();
    world.injector.add({
      kind: 'error',
      op: 'SNS:Publish',
      where: 'Score',
      times: Number.POSITIVE_INFINITY,
      error: KMS_DISABLED,
    });
    await world.deliver(world.createEvent(ce));
    const [run] = await world.runProbes();
    const alertsBeforeSweep = deliveredAbout({ alerts: await world.collectAlerts() }, ce);
    // The key is enabled again; the scheduled sweep runs.
    world.injector.clear();
    await world.sweep(`sweep-after-${ce.name}`);
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'sns-persistent-score',
      fault: 'SNS publish failure, persistent, in the probe',
      injectedAt: 'SNS Publish (Score): KMSDisabledException until fixed',
      expected:
        'Score retried, then the execution fails (alarm); facts stay cached; the next sweep alerts once',
      observed: outcomeOf(seen, ce, { notifications: `0, then 1 (sweep digest)` }),
    });
    expect(run?.error).toBeDefined();
    expect(alertsBeforeSweep).toEqual([]);
    expect(deliveredAbout(seen, ce)).toMatchObject([{ type: 'digest', verdict: 'FAIL' }]);
    expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 1 });
    expectGuarantees(seen, ce);
  });

  it('a persistent failure in the change handler: dead-lettered, then redriven', async () => {
    // A paravirtual AMI fails the image rules: the handler itself publishes the verdict.
    const ce = await world.computeEnvironment({ amiId: MOTO_AMIS.paravirtual });
    world.injector.add({
      kind: 'error',
      op: 'SNS:Publish',
      times: Number.POSITIVE_INFINITY,
      error: KMS_DISABLED,
    });
    const failed = await world.deliver(world.createEvent(ce));
    world.injector.clear();
    const deadLetter = failed.deadLetter;
    if (!deadLetter) throw new Error('the event was not dead-lettered');
    const redriven = await world.redrive(deadLetter);
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'sns-persistent-handler',
      fault: 'SNS publish failure, persistent, in the change handler',
      injectedAt: 'SNS Publish (auditChange): KMSDisabledException until fixed',
      expected: `${world.changeConfig.maximumRetryAttempts + 1} attempts, then the event is in the DLQ; redriven, one alert`,
      observed: outcomeOf(seen, ce, {
        deadLetters: `${seen.deadLetters.length} (redriven)`,
        notifications: `0, then ${deliveredAbout(seen, ce).length} after the redrive`,
      }),
    });
    expect(failed.attempts).toBe(world.changeConfig.maximumRetryAttempts + 1);
    expect(failed.errors.map((e) => e.name)).toEqual(
      Array(failed.attempts).fill('KMSDisabledException'),
    );
    expect(seen.deadLetters).toHaveLength(1);
    expect(redriven.errors).toEqual([]);
    expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 0 });
    expect(deliveredAbout(seen, ce)).toHaveLength(1);
    expectGuarantees(seen, ce);
  });
});

it('docs/reliability.md shows what this run observed (delivery faults)', () => {
  matrix.expectDocumented();
});
