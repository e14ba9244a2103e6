/**
 * Fault matrix, probe group: what the probe meets on the host and in the account while an
 * audit is under way, each injected into the full pipeline (CloudTrail event → change handler
 * → probe state machine → Score → change-only notifier → SNS → SQS). Rows go to
 * docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import { AWSLOGS_MISSING, type FaultWorld } from '../support/fault-world';
import { computeEnvironmentCallEvent } from '../support/moto-world';
import {
  deliveredAbout,
  expectGuarantees,
  MatrixRecorder,
  outcomeOf,
  useFaultWorld,
} from './harness';

const matrix = new MatrixRecorder('probe');
let world: FaultWorld;

useFaultWorld((started) => {
  world = started;
});

/** Delivers the compute environment's create event and lets the probe it started run. */
async function audit(ce: { name: string; arn: string }) {
  const invocation = await world.deliver(world.createEvent(ce));
  expect(invocation.errors).toEqual([]);
  await world.runProbes();
}

describe('the probe meets', () => {
  it('no fault: the reference run', async () => {
    const ce = await world.computeEnvironment();
    await audit(ce);
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'none',
      fault: 'None (reference run)',
      injectedAt: '—',
      expected: 'FAIL (awslogs missing), one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({ verdict: 'FAIL', probes: 1, notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it('a capacity error on every instance type', async () => {
    world.probe.scenario = {
      ...AWSLOGS_MISSING,
      capacityErrors: ['t3.micro', 't3a.micro', 't2.micro', 'm5.large'],
    };
    const ce = await world.computeEnvironment();
    await audit(ce);
    const seen = await world.settle();
    world.probe.scenario = AWSLOGS_MISSING;

    const outcome = matrix.record({
      id: 'capacity-all',
      fault: 'Launch capacity error, every probe type',
      injectedAt: 'EC2 RunInstances (Launch): InsufficientInstanceCapacity',
      expected: 'nothing launched; INCONCLUSIVE naming every attempt; one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({ verdict: 'INCONCLUSIVE (no_capacity)', notifications: '1' });
    expect(seen.executions[0]?.output?.instanceId).toBeUndefined();
    const reason = deliveredAbout(seen, ce)[0]?.verdictReason ?? '';
    for (const type of ['t3.micro', 't3a.micro', 't2.micro', 'm5.large']) {
      expect(reason).toContain(type);
    }
    expectGuarantees(seen, ce);
  });

  it('a capacity error on the first instance type', async () => {
    world.probe.scenario = { ...AWSLOGS_MISSING, capacityErrors: ['t3.micro'] };
    const ce = await world.computeEnvironment();
    await audit(ce);
    const seen = await world.settle();
    world.probe.scenario = AWSLOGS_MISSING;

    const outcome = matrix.record({
      id: 'capacity-first',
      fault: 'Launch capacity error, first probe type',
      injectedAt: 'EC2 RunInstances t3.micro (Launch)',
      expected: 'falls back to t3a.micro; FAIL as without the fault; one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({ verdict: 'FAIL', notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it('an instance that never comes online in SSM', async () => {
    world.probe.scenario = {
      ...AWSLOGS_MISSING,
      bootSeconds: Number.POSITIVE_INFINITY,
      agent: { ...AWSLOGS_MISSING.agent, joins: false },
      consoleOutput: '[FAILED] Failed to start amazon-ssm-agent.service - amazon-ssm-agent.',
    };
    const ce = await world.computeEnvironment();
    await audit(ce);
    const seen = await world.settle();
    world.probe.scenario = AWSLOGS_MISSING;

    const outcome = matrix.record({
      id: 'ssm-never-online',
      fault: 'SSM never online',
      injectedAt: 'SSM DescribeInstanceInformation (CheckOnline): never Online',
      expected:
        'terminated after the online deadline; INCONCLUSIVE with the console output; one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({
      verdict: 'INCONCLUSIVE (ssm_never_online)',
      notifications: '1',
    });
    expect(deliveredAbout(seen, ce)[0]?.verdictReason).toContain(
      'Failed to start amazon-ssm-agent.service',
    );
    expectGuarantees(seen, ce);
  });

  it('a collector command that never finishes', async () => {
    world.probe.scenario = { ...AWSLOGS_MISSING, command: 'hang' };
    const ce = await world.computeEnvironment();
    await audit(ce);
    const seen = await world.settle();
    world.probe.scenario = AWSLOGS_MISSING;

    const outcome = matrix.record({
      id: 'command-timeout',
      fault: 'Command timeout',
      injectedAt: 'SSM GetCommandInvocation (CheckCommand): InProgress forever',
      expected:
        'terminated; host rules INCONCLUSIVE (command_timeout), the join test still sees no awslogs: FAIL; one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({ verdict: 'FAIL (command_timeout)', notifications: '1' });
    expectGuarantees(seen, ce);
  });

  it("collector output cut at SSM's inline limit", async () => {
    world.probe.scenario = { ...AWSLOGS_MISSING, outputCharacters: 40_000 };
    const ce = await world.computeEnvironment();
    await audit(ce);
    const seen = await world.settle();
    world.probe.scenario = AWSLOGS_MISSING;

    const outcome = matrix.record({
      id: 'output-truncated',
      fault: 'Truncated output',
      injectedAt: 'SSM GetCommandInvocation (CheckCommand): 40,000 characters, cut at 24,000',
      expected: 'facts parsed as far as they go, flagged incomplete; never PASS; one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome.verdict).not.toMatch(/PASS/);
    expect(outcome.notifications).toBe('1');
    expect(deliveredAbout(seen, ce)[0]?.verdictReason).toMatch(
      /output_truncated: The collector's output was cut at SSM's 24,000-character inline limit/,
    );
    expectGuarantees(seen, ce);
  });
});

describe('the account changes mid-audit', () => {
  it('the AMI is deregistered after the change handler described it', async () => {
    const ce = await world.computeEnvironment();
    const invocation = await world.deliver(world.createEvent(ce));
    expect(invocation.result).toMatchObject({ status: 'audited', probes: 1 });
    await world.probe.deregister(ce.amiId);
    await world.runProbes();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'ami-deregistered',
      fault: 'AMI deregistered mid-audit',
      injectedAt: 'EC2 DeregisterImage between the handler and Launch',
      expected: 'nothing launched; FAIL on image-available (image_gone); one alert',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome).toMatchObject({ verdict: 'FAIL (image_gone)', notifications: '1' });
    expect(deliveredAbout(seen, ce)[0]?.changes).toContain('new:image-available');
    expectGuarantees(seen, ce);
  });

  it('the compute environment is deleted before the handler describes it', async () => {
    const ce = await world.computeEnvironment();
    await world.account.deleteComputeEnvironment(ce.name);
    const invocation = await world.deliver(world.createEvent(ce));
    await world.runProbes();
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'ce-deleted-before-describe',
      fault: 'Compute environment deleted mid-audit, before it is described',
      injectedAt: 'Batch DeleteComputeEnvironment before the handler runs',
      expected: 'no probe, no verdict for a pair that is gone; its findings (none) resolve',
      observed: outcomeOf(seen, ce),
    });
    expect(invocation.result).toMatchObject({ status: 'deleted' });
    expect(outcome).toMatchObject({ verdict: 'none', probes: 0, notifications: '0' });
    expectGuarantees(seen, ce, { verdicts: 0, told: false });
  });

  it('the compute environment is deleted while its AMI is probed', async () => {
    const ce = await world.computeEnvironment();
    await world.deliver(world.createEvent(ce));
    // Batch deletes it; CloudTrail's delete event is handled before the probe scores.
    await world.account.deleteComputeEnvironment(ce.name);
    const deleted = await world.deliver(
      computeEnvironmentCallEvent('DeleteComputeEnvironment', ce.name, `evt-${ce.name}-delete`),
    );
    expect(deleted.result).toMatchObject({ status: 'deleted' });
    await world.runProbes();
    // The next sweep sees every compute environment there is.
    await world.sweep(`sweep-after-${ce.name}`);
    const seen = await world.settle();

    const outcome = matrix.record({
      id: 'ce-deleted-during-probe',
      fault: 'Compute environment deleted mid-audit, while probing',
      injectedAt: 'Batch DeleteComputeEnvironment (and its event) before Score',
      expected:
        'probe terminated, one verdict; its FAIL is still announced (known gap), the next sweep resolves it',
      observed: outcomeOf(seen, ce),
    });
    expect(outcome.verdict).toBe('FAIL');
    const delivered = deliveredAbout(seen, ce);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toMatchObject({ type: 'digest', verdict: null });
    expect(delivered[1]?.changes.every((c) => c.startsWith('resolved:'))).toBe(true);
    expectGuarantees(seen, ce);
  });
});

it('docs/reliability.md shows what this run observed (probe faults)', () => {
  matrix.expectDocumented();
});
