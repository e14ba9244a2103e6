/**
 * Fault matrix, crash group: the process dies between any two steps of the pipeline (a Lambda
 * timeout, an out-of-memory kill): after each AWS call of the change handler, after or before
 * each task of the probe state machine, and between publishing a notification and recording
 * it. What was done before the crash stays done; Lambda's async retries and the state
 * machine's Retry/Catch take it from there. Rows go to docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import type { FaultWorld } from '../support/fault-world';
import type { TaskState } from '../support/local-probe-execution';
import { computeEnvironmentCallEvent, MOTO_AMIS } from '../support/moto-world';
import {
  deliveredAbout,
  expectGuarantees,
  MatrixRecorder,
  outcomeOf,
  useFaultWorld,
} from './harness';
import { HANDLER_CALLS } from './pipeline-calls';

const matrix = new MatrixRecorder('crash');
let world: FaultWorld;

useFaultWorld((started) => {
  world = started;
});

describe('a crash in the change handler', () => {
  it.each(HANDLER_CALLS.map((c) => [c.op, c.purpose] as const))(
    'after %s (%s)',
    async (op, step) => {
      const ce = await world.computeEnvironment();
      world.injector.add({ kind: 'crash-after', op, where: 'handler' });
      const invocation = await world.deliver(world.createEvent(ce));
      await world.runProbes();
      const seen = await world.settle();

      const outcome = matrix.record({
        id: `handler-after-${op}`,
        fault: `Crash after ${step}`,
        injectedAt: `auditChange, after ${op}`,
        expected: 'Lambda retries the event: one probe, one verdict, one alert',
        observed: outcomeOf(seen, ce),
      });
      expect(invocation.errors.map((e) => e.name)).toEqual(['SimulatedCrash']);
      expect(invocation.attempts).toBe(2);
      expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 1, notifications: '1' });
      expectGuarantees(seen, ce);
    },
  );

  it('between publishing an alert and recording it', async () => {
    // A paravirtual AMI fails the image rules: the handler itself publishes the verdict.
    const ce = await world.computeEnvironment({ amiId: MOTO_AMIS.paravirtual });
    world.injector.add({ kind: 'crash-after', op: 'SNS:Publish', where: 'handler' });
    const invocation = await world.deliver(world.createEvent(ce));
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'handler-between-publish-and-record',
      fault: 'Crash between publish and state write',
      injectedAt: 'auditChange, after SNS Publish, before DynamoDB PutItem',
      expected:
        'Lambda retries: the alert is repeated once, same auditId (at least once, as documented)',
      observed: outcomeOf(seen, ce),
    });
    expect(invocation.attempts).toBe(2);
    const delivered = deliveredAbout(seen, ce);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toEqual(delivered[0]);
    expect(outcome.verdict).toBe('FAIL');
    // Two invocations reached the verdict; one of them crashed before it could return it.
    expectGuarantees(seen, ce);
  });
});

/** The probe's tasks before Terminate: a crash there is caught, and Terminate and Score still run. */
const CAUGHT: readonly TaskState[] = [
  'Start',
  'Launch',
  'CheckOnline',
  'RunCollector',
  'CheckCommand',
  'JoinTest',
];

describe('a crash in the probe', () => {
  it.each(CAUGHT)('after %s', async (state) => {
    const ce = await world.computeEnvironment();
    await world.deliver(world.createEvent(ce));
    const [run] = await world.runProbes({ crash: { state, when: 'after' } });
    const seen = await world.settle();

    const outcome = matrix.record({
      id: `probe-after-${state}`,
      fault: `Crash after ${state}`,
      injectedAt: `probe task ${state}, after its work, before it returns`,
      expected:
        state === 'JoinTest'
          ? 'Catch → Terminate → Score: FAIL on the facts collected before the crash; one alert'
          : 'Catch → Terminate → Score: INCONCLUSIVE naming the crash (probe_failed); one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(run?.tasks.slice(-2)).toEqual(['Terminate', 'Score']);
    expect(outcome).toMatchObject({
      verdict: state === 'JoinTest' ? 'FAIL' : 'INCONCLUSIVE (probe_failed)',
      notifications: '1',
    });
    expectGuarantees(seen, ce);
  });

  it.each(['Terminate', 'Score'] as const)('in %s, before it does anything', async (state) => {
    const ce = await world.computeEnvironment();
    await world.deliver(world.createEvent(ce));
    const [run] = await world.runProbes({ crash: { state, when: 'before' } });
    const seen = await world.settle();

    const outcome = matrix.record({
      id: `probe-before-${state}`,
      fault: `Crash in ${state}`,
      injectedAt: `probe task ${state}, before its work`,
      expected: `${state} is retried: FAIL as without the fault; one alert`,
      observed: outcomeOf(seen, ce),
    });
    expect(run?.tasks.filter((t) => t === state)).toHaveLength(2);
    expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it('between creating the probe security group and opening its egress', async () => {
    const ce = await world.computeEnvironment();
    world.injector.add({ kind: 'crash-after', op: 'EC2:CreateSecurityGroup', where: 'Launch' });
    await world.deliver(world.createEvent(ce));
    await world.runProbes();
    // The next change to the compute environment probes its AMI again, in the same VPC.
    await world.deliver(
      computeEnvironmentCallEvent('UpdateComputeEnvironment', ce.arn, `evt-${ce.name}-next`),
    );
    await world.runProbes();
    const groups = await world.probeSecurityGroups();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'launch-after-create-security-group',
      fault: 'Crash between creating the probe security group and restricting its egress',
      injectedAt: 'probe task Launch, after EC2 CreateSecurityGroup',
      expected:
        'INCONCLUSIVE (probe_failed); the next audit finds the group, restricts it to HTTPS: FAIL',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome.verdict).toBe('INCONCLUSIVE (probe_failed), FAIL');
    expect(
      groups.map((g) => g.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.FromPort])),
    ).toEqual([[['tcp', 443]]]);
    expectGuarantees(seen, ce, { verdicts: 2 });
  });

  it('a Lambda service error after RunInstances', async () => {
    const ce = await world.computeEnvironment();
    await world.deliver(world.createEvent(ce));
    const [run] = await world.runProbes({
      crash: { state: 'Launch', when: 'after', errorName: 'Lambda.ServiceException' },
    });
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'probe-launch-service-error',
      fault: 'Lambda service error after RunInstances',
      injectedAt: 'probe task Launch, after RunInstances (Lambda.ServiceException)',
      expected: 'Launch retried; it adopts the instance by its execution tag: one instance, FAIL',
      observed: outcomeOf(seen, ce),
    });
    expect(run?.tasks.filter((t) => t === 'Launch')).toHaveLength(2);
    expect(await world.probe.instancesOfExecution(run?.executionName ?? '')).toHaveLength(1);
    expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it('in Score, between publishing the alert and recording it', async () => {
    const ce = await world.computeEnvironment();
    await world.deliver(world.createEvent(ce));
    world.injector.add({ kind: 'crash-after', op: 'SNS:Publish', where: 'Score' });
    const [run] = await world.runProbes();
    const seen = await world.settle();

    matrix.record({
      id: 'score-between-publish-and-record',
      fault: 'Crash between publish and state write',
      injectedAt: 'probe task Score, after SNS Publish, before DynamoDB PutItem',
      expected:
        'Score retried: the alert is repeated once, same auditId (at least once, as documented)',
      observed: outcomeOf(seen, ce),
    });
    expect(run?.tasks.filter((t) => t === 'Score')).toHaveLength(2);
    const delivered = deliveredAbout(seen, ce);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toEqual(delivered[0]);
    expectGuarantees(seen, ce);
  });

  it('in Score, after it published and recorded', async () => {
    const ce = await world.computeEnvironment();
    await world.deliver(world.createEvent(ce));
    const [run] = await world.runProbes({ crash: { state: 'Score', when: 'after' } });
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'score-after-record',
      fault: 'Crash after the state write',
      injectedAt: 'probe task Score, after its work, before it returns',
      expected: 'Score retried; the state is recorded, so nothing is repeated: one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(run?.tasks.filter((t) => t === 'Score')).toHaveLength(2);
    expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
    expectGuarantees(seen, ce);
  });
});

it('docs/reliability.md shows what this run observed (crashes)', () => {
  matrix.expectDocumented();
});
