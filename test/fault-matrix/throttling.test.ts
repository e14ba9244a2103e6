/**
 * Fault matrix, throttling group: every AWS API the pipeline calls, throttled. The faults are
 * injected inside the SDK's retry middleware (test/support/fault-injection.ts), so the
 * project's client configuration (adaptive retries, DEFAULT_MAX_ATTEMPTS attempts) meets them
 * as it would meet AWS's own `ThrottlingException`/`RequestLimitExceeded`. First every call
 * is throttled twice at once (the SDK must absorb it); then each call is throttled on every
 * attempt while its component runs, and the failure must land where it can be recovered: a
 * dead-lettered event, an INCONCLUSIVE verdict with its cause, a failed execution the sweep
 * makes up for, an instance the janitor reaps. The scheduled sweep's and the janitor's own
 * calls get the same, each made up for by their next scheduled run. Rows go to
 * docs/reliability.md.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS } from '../../shared/aws/client-config';
import { PROBE_CONFIG_DEFAULTS } from '../../shared/probe/config';
import { throttlingError } from '../support/fault-injection';
import type { Observation } from '../support/fault-observation';
import type { FaultWorld } from '../support/fault-world';
import { computeEnvironmentCallEvent, MOTO_AMIS } from '../support/moto-world';
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
import { JANITOR_CALLS, PIPELINE_CALLS, type PipelineCall, SWEEP_CALLS } from './pipeline-calls';

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

/** A sweep call made after its digest was published: the sweep's retries publish it again. */
const afterDigest = (call: PipelineCall) => call.op === 'DynamoDB:PutItem';

/** Sweep calls on the way to its digest (the image-level verdicts), not to a probe. */
const onDigestPath = (call: PipelineCall) =>
  ['DynamoDB:Query', 'SNS:Publish', 'DynamoDB:PutItem'].includes(call.op);

function sweepExpectation(call: PipelineCall): string {
  if (afterDigest(call)) {
    return `every attempt publishes the digest again (its state write fails), and so does the next sweep: repeats, none lost`;
  }
  const retries = `the sweep fails on each of its ${world.sweepConfig.maximumRetryAttempts + 1} attempts (dead-lettered)`;
  return onDigestPath(call)
    ? `${retries}; the next day's sweep sends the digest: FAIL, one alert`
    : `${retries}; the next day's sweep audits again: FAIL, one alert`;
}

describe("the sweep's own calls, throttled on every attempt while it runs", () => {
  /** Two compute environments: one whose AMI the sweep probes, one failing the image rules. */
  async function twoComputeEnvironments() {
    return {
      probed: await world.computeEnvironment(),
      imageFail: await world.computeEnvironment({ amiId: MOTO_AMIS.paravirtual }),
    };
  }

  it('are the list the matrix injects into (a clean sweep makes exactly these calls)', async () => {
    const { probed, imageFail } = await twoComputeEnvironments();
    await world.sweep(`sweep-clean-${probed.name}`);
    await world.runProbes();
    const calls = world.injector.distinctCalls().filter((c) => c.component === 'sweep');
    const seen = await world.settle();

    expect(calls.map(key)).toEqual(SWEEP_CALLS.map(key));
    expect(outcomeOf(seen, probed)).toMatchObject({ verdict: 'FAIL', notifications: '1' });
    expect(outcomeOf(seen, imageFail)).toMatchObject({
      verdict: 'FAIL',
      notifications: '1 (sweep digest)',
    });
  });

  it.each(SWEEP_CALLS.map((call) => [key(call), call] as const))('%s', async (_, call) => {
    const { probed, imageFail } = await twoComputeEnvironments();
    world.injector.add({
      kind: 'error',
      op: call.op,
      where: 'sweep',
      times: Number.POSITIVE_INFINITY,
      error: throttlingError(call.op),
    });
    const first = await world.sweep(`sweep-${probed.name}`);
    await world.runProbes();
    const injected = world.injector.injected.length;
    // The throttling subsides; the next day's sweep comes.
    world.injector.clear();
    await world.sweep(`sweep-after-${probed.name}`);
    await world.runProbes();
    const seen = await world.settle();

    const pair = onDigestPath(call) ? imageFail : probed;
    const outcome = matrix.record({
      id: `sweep-${key(call)}`,
      fault: 'Throttling, every attempt',
      injectedAt: `${call.op} (sweep: ${call.purpose}), reported for the compute environment ${
        onDigestPath(call) ? 'whose image fails' : 'it probes'
      }`,
      expected: sweepExpectation(call),
      observed: outcomeOf(seen, pair),
    });
    expect(injected, 'the fault was injected').toBeGreaterThan(0);
    expect(seen.leftRunning).toEqual([]);
    expect(seen.leftRegistered).toEqual([]);
    for (const each of [probed, imageFail]) {
      expect(outcomeOf(seen, each).verdict, each.name).toBe('FAIL');
      expect(deliveredAbout(seen, each).length, `${each.name} was told about`).toBeGreaterThan(0);
    }
    // One probe however often the sweep ran: its execution name is the AMI's.
    expect(seen.executions).toHaveLength(1);
    if (afterDigest(call)) {
      expect(first.attempts).toBe(world.sweepConfig.maximumRetryAttempts + 1);
      // Each attempt published the digest before its state write failed, and the next sweep
      // published it once more: repeats, word for word within the failed sweep, none lost.
      expect(deliveredAbout(seen, imageFail)).toHaveLength(first.attempts + 1);
      expect(repeatsIn(deliveredAbout(seen, imageFail))).toBe(first.attempts - 1);
      return;
    }
    expect(first.attempts).toBe(world.sweepConfig.maximumRetryAttempts + 1);
    expect(outcome).toMatchObject({
      notifications: expect.stringMatching(/^1\b/),
      deadLetters: '1',
    });
  });
});

function janitorExpectation(call: PipelineCall): string {
  const next = 'its next scheduled run finishes the cleanup';
  switch (call.op) {
    case 'EC2:DescribeInstances':
    case 'EC2:TerminateInstances':
      return `the run fails with nothing done; ${next}`;
    case 'ECS:DeregisterContainerInstance':
      return `the probe is terminated; the registration is logged and kept; ${next}`;
    default:
      return `the probe is terminated, then the run fails; ${next}`;
  }
}

describe("the janitor's calls, throttled on every attempt while it runs", () => {
  it.each(JANITOR_CALLS.map((call) => [key(call), call] as const))('%s', async (_, call) => {
    const ce = await world.computeEnvironment();
    // A probe whose own cleanup failed (termination and deregistration throttled throughout).
    for (const op of ['EC2:TerminateInstances', 'ECS:DeregisterContainerInstance']) {
      world.injector.add({
        kind: 'error',
        op,
        times: Number.POSITIVE_INFINITY,
        error: throttlingError(op),
      });
    }
    await world.deliver(world.createEvent(ce));
    await world.runProbes();
    world.injector.clear();
    const stranded = await world.probe.liveProbeInstances();
    const strandedRegistrations = await world.probe.containerInstances();
    world.probe.clock.advance(PROBE_CONFIG_DEFAULTS.maxLifetimeMinutes * 60 + 60);

    world.injector.add({
      kind: 'error',
      op: call.op,
      where: 'janitor',
      times: Number.POSITIVE_INFINITY,
      error: throttlingError(call.op),
    });
    const firstRun = await world.janitor().then(
      (report) => ({ report, error: undefined }),
      (error: unknown) => ({ report: undefined, error }),
    );
    const afterFirst = await world.probe.liveProbeInstances();
    const registeredAfterFirst = await world.probe.containerInstances();
    // The throttling subsides; the janitor's next scheduled run.
    world.injector.clear();
    await world.janitor();
    const seen = await world.settle();

    matrix.record({
      id: `janitor-${key(call)}`,
      fault: 'Throttling, every attempt',
      injectedAt: `${call.op} (janitor: ${call.purpose}), with an expired probe left running and registered`,
      expected: janitorExpectation(call),
      observed: outcomeOf(seen, ce, {
        leftRunning: `${stranded.length} → ${afterFirst.length} → 0 (next janitor run)`,
      }),
    });
    expect(stranded).toHaveLength(1);
    expect(strandedRegistrations).toHaveLength(1);
    const terminatedFirst = !['EC2:DescribeInstances', 'EC2:TerminateInstances'].includes(call.op);
    expect(afterFirst, 'left running after the throttled run').toEqual(
      terminatedFirst ? [] : stranded,
    );
    expect(registeredAfterFirst, 'left registered after the throttled run').toEqual(
      strandedRegistrations,
    );
    if (call.op === 'ECS:DeregisterContainerInstance') {
      // One stubborn registration does not fail the run: it is logged and tried again.
      expect(firstRun).toMatchObject({ report: { terminated: stranded, deregistered: [] } });
    } else {
      expect(String(firstRun.error)).toContain(throttlingError(call.op).message);
    }
    expect(seen.leftRunning).toEqual([]);
    expect(seen.leftRegistered).toEqual([]);
    expect(outcomeOf(seen, ce)).toMatchObject({ verdict: 'FAIL', notifications: '1' });
  });
});

it('docs/reliability.md shows what this run observed (throttling)', () => {
  matrix.expectDocumented();
});
