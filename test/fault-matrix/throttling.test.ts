/**
 * Fault matrix, throttling group: every AWS API the pipeline calls, throttled. The faults are
 * injected inside the SDK's retry middleware (test/support/fault-injection.ts), so the
 * project's client configuration (adaptive retries, DEFAULT_MAX_ATTEMPTS attempts) meets them
 * as it would meet AWS's own `ThrottlingException`/`RequestLimitExceeded`. First every call
 * is throttled twice at once (the SDK must absorb it); then each call is throttled on every
 * attempt while its component runs, and the failure must land where it can be recovered: a
 * dead-lettered event, an INCONCLUSIVE verdict with its cause, a failed execution the sweep
 * makes up for, an instance the janitor reaps. Rows go to docs/reliability.md.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS } from '../../shared/aws/client-config';
import { PROBE_CONFIG_DEFAULTS } from '../../shared/probe/config';
import { throttlingError } from '../support/fault-injection';
import type { Observation } from '../support/fault-observation';
import type { FaultWorld } from '../support/fault-world';
import { computeEnvironmentCallEvent } from '../support/moto-world';
import {
  deliveredAbout,
  expectGuarantees,
  MatrixRecorder,
  outcomeOf,
  type Pair,
  repeatsIn,
  useFaultWorld,
} from './harness';
import type { ObservedOutcome } from './matrix';
import { PIPELINE_CALLS, type PipelineCall } from './pipeline-calls';

const matrix = new MatrixRecorder('throttling');
let world: FaultWorld;

useFaultWorld((started) => {
  world = started;
});

const key = (call: { component: string; op: string }) => `${call.component} → ${call.op}`;

describe('every AWS API the pipeline uses', () => {
  it('is the list the matrix injects into (a clean run makes exactly these calls)', async () => {
    const ce = await world.computeEnvironment();
    await world.deliver(world.createEvent(ce));
    await world.runProbes();
    const calls = world.injector.distinctCalls().map(key);
    const seen = await world.settle();

    expect(calls).toEqual(PIPELINE_CALLS.map(key));
    expect(outcomeOf(seen, ce)).toMatchObject({ verdict: 'FAIL', notifications: '1' });
  });

  it('throttled twice each, all at once: the SDK absorbs it', async () => {
    const ce = await world.computeEnvironment();
    for (const call of PIPELINE_CALLS) {
      world.injector.add({
        kind: 'error',
        op: call.op,
        where: call.component,
        times: 2,
        error: throttlingError(call.op),
      });
    }
    const invocation = await world.deliver(world.createEvent(ce));
    await world.runProbes();
    const injected = world.injector.injected.map(key);
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'all-twice',
      fault: 'Throttling, twice on each call',
      injectedAt: `all ${PIPELINE_CALLS.length} calls of the pipeline at once (below)`,
      expected: `the SDK's adaptive retries (${DEFAULT_MAX_ATTEMPTS} attempts) absorb it: FAIL, one alert, as without the fault`,
      observed: outcomeOf(seen, ce),
    });
    for (const call of PIPELINE_CALLS) {
      expect(
        injected.filter((k) => k === key(call)),
        key(call),
      ).toHaveLength(2);
    }
    expect(invocation.attempts).toBe(1);
    expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 1, notifications: '1' });
    expectGuarantees(seen, ce);
  });
});

/** Calls whose failure leaves something behind for the next audit: the probe security group. */
const leavesState = (call: PipelineCall) => call.op.includes('SecurityGroup');

/** A change-handler call made after the probe was started (the probe then runs regardless). */
const afterProbeStarted = (call: PipelineCall) =>
  call.component === 'handler' &&
  PIPELINE_CALLS.indexOf(call) >
    PIPELINE_CALLS.findIndex((c) => c.component === 'handler' && c.op === 'SFN:StartExecution');

/** What each component's exhausted throttling must come to, and how it is recovered. */
function expectationFor(call: PipelineCall): string {
  if (leavesState(call)) {
    return 'INCONCLUSIVE (probe_failed); the next audit gets a probe group with HTTPS egress only: FAIL';
  }
  switch (call.component) {
    case 'handler':
      return `auditChange fails on each of its ${world.changeConfig.maximumRetryAttempts + 1} attempts; the event waits in the dead-letter queue${
        afterProbeStarted(call) ? '; the probe it had started still alerts: FAIL' : ''
      }`;
    case 'Score':
      if (call.op === 'SSM:GetParameters') {
        return 'baseline unreadable, the rules use their own: FAIL, one alert';
      }
      return call.op === 'DynamoDB:PutItem'
        ? 'each Score attempt publishes again (its state write fails): repeats, none lost; the execution fails (alarm); the next sweep probes again'
        : 'Score retried, then the execution fails (alarm); the facts are cached: the next sweep alerts once';
    case 'Terminate':
      return call.op === 'EC2:TerminateInstances'
        ? 'Terminate retried, then Score still publishes; the janitor reaps the instance at its expiry'
        : 'the known instance is still terminated; FAIL, one alert';
    case 'JoinTest':
      return call.op === 'ECS:DeregisterContainerInstance'
        ? 'deregistration left to Terminate: FAIL, one alert'
        : 'join facts unknown; FAIL on the host facts; one alert';
    default:
      return 'Catch → Terminate → Score: INCONCLUSIVE (probe_failed) naming the throttling; one alert';
  }
}

describe('throttled on every attempt while one component runs', () => {
  it.each(PIPELINE_CALLS.map((call) => [key(call), call] as const))('%s', async (_, call) => {
    const ce = await world.computeEnvironment();
    world.injector.add({
      kind: 'error',
      op: call.op,
      where: call.component,
      times: Number.POSITIVE_INFINITY,
      error: throttlingError(call.op),
    });
    const first = await world.deliver(world.createEvent(ce));
    const runs = await world.runProbes();
    const injected = world.injector.injected.length;
    const leftByProbe = await world.probe.liveProbeInstances();
    // The throttling subsides. What makes up for what it did?
    world.injector.clear();
    if (runs.some((run) => run.error)) {
      // The execution failed (ProbeExecutionsFailedAlarm): the scheduled sweep audits again.
      await world.sweep(`sweep-after-${ce.name}`);
      await world.runProbes();
    }
    if (leavesState(call)) {
      // The next change to the compute environment probes its AMI again.
      await world.deliver(
        computeEnvironmentCallEvent('UpdateComputeEnvironment', ce.arn, `evt-${ce.name}-next`),
      );
      await world.runProbes();
    }
    if (leftByProbe.length > 0) {
      world.probe.clock.advance(PROBE_CONFIG_DEFAULTS.maxLifetimeMinutes * 60 + 60);
      await world.janitor();
    }
    const groups = await world.probeSecurityGroups();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: `exhausted-${key(call)}`,
      fault: 'Throttling, every attempt',
      injectedAt: `${call.op} (${call.component === 'handler' ? 'auditChange' : call.component}: ${call.purpose})`,
      expected: expectationFor(call),
      observed: outcomeOf(seen, ce, {
        ...(leftByProbe.length > 0 ? { leftRunning: `${leftByProbe.length} → 0 (janitor)` } : {}),
      }),
    });
    expect(injected, 'the fault was injected').toBeGreaterThan(0);
    expect(outcome.verdict).not.toMatch(/PASS/);
    expect(seen.leftRunning).toEqual([]);
    expect(seen.leftRegistered).toEqual([]);
    if (call.component === 'handler') {
      expect(first.attempts).toBe(world.changeConfig.maximumRetryAttempts + 1);
      expect(outcome).toMatchObject(
        afterProbeStarted(call)
          ? { verdict: 'FAIL', probes: 1, notifications: '1', deadLetters: '1' }
          : { verdict: 'none', probes: 0, notifications: '0', deadLetters: '1' },
      );
      return;
    }
    expect(seen.deadLetters).toEqual([]);
    expect(deliveredAbout(seen, ce).length, 'the pair was told about').toBeGreaterThan(0);
    expectOutcome(call, { outcome, seen, pair: ce, groups });
  });
});

/** What a throttled call outside the change handler comes to, by component. */
function expectOutcome(
  call: PipelineCall,
  observed: {
    readonly outcome: ObservedOutcome;
    readonly seen: Observation;
    readonly pair: Pair;
    readonly groups: readonly SecurityGroup[];
  },
): void {
  const { outcome, seen, pair, groups } = observed;
  const [first] = seen.executions;
  if (leavesState(call)) {
    expect(outcome).toMatchObject({ verdict: 'INCONCLUSIVE (probe_failed), FAIL', probes: 2 });
    expect(groups.map((g) => g.IpPermissionsEgress?.map(egressRule))).toEqual([
      ['tcp 443-443 0.0.0.0/0 ::/0'],
    ]);
    return;
  }
  switch (call.component) {
    case 'JoinTest':
      expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
      return;
    case 'Terminate':
      expect(outcome).toMatchObject({
        verdict: 'FAIL',
        notifications: '1',
        leftRunning: call.op === 'EC2:TerminateInstances' ? '1 → 0 (janitor)' : '0',
      });
      return;
    case 'Score':
      if (call.op === 'SSM:GetParameters') {
        expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
        return;
      }
      expect(first?.error, 'the execution failed').toBeDefined();
      if (call.op === 'DynamoDB:PutItem') {
        // Every Score attempt published before its state write failed: repeats, word for word.
        const delivered = deliveredAbout(seen, pair);
        expect(delivered.length).toBeGreaterThan(1);
        expect(repeatsIn(delivered)).toBeGreaterThan(0);
        expect(outcome.verdict).toBe('FAIL');
        return;
      }
      expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1 (sweep digest)' });
      return;
    default:
      expect(outcome).toMatchObject({ verdict: 'INCONCLUSIVE (probe_failed)', notifications: '1' });
      // The cause names the throttling.
      expect(first?.output?.reason).toContain(throttlingError(call.op).name);
  }
}

function egressRule(rule: IpPermission): string {
  const ranges = [
    ...(rule.IpRanges ?? []).map((r) => r.CidrIp),
    ...(rule.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
  ];
  return `${rule.IpProtocol} ${rule.FromPort}-${rule.ToPort} ${ranges.join(' ')}`;
}

it('docs/reliability.md shows what this run observed (throttling)', () => {
  matrix.expectDocumented();
});
