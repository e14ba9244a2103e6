/**
 * The probe state machine, executed locally from its deployed definition with
 * the real task functions; AWS is moto_server plus a scripted SSM whose
 * collector output is the real collector run against a fixture host (see
 * test/support/probe-world.ts), scored with every real rule. After every
 * path: no probe instance is left pending or running (DescribeInstances by the
 * auditor's tag), the probe cluster is empty, and exactly one verdict was published.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  loadProbeDefinition,
  runProbeExecution,
  TASK_STATES,
  type TaskState,
} from '../../support/local-probe-execution';
import { HEALTHY, ProbeWorld } from '../../support/probe-world';

let world: ProbeWorld;

beforeAll(async () => {
  world = await ProbeWorld.create();
});
afterAll(async () => {
  await world?.stop();
});
afterEach(() => {
  world.scenario = HEALTHY;
});

/** The invariants every path keeps; returns the one verdict people received. */
async function expectCleanEnding() {
  expect(await world.liveProbeInstances()).toEqual([]);
  expect(await world.containerInstances()).toEqual([]);
  const delivered = await world.notifier.drain();
  expect(delivered).toHaveLength(1);
  const [message] = delivered;
  if (!message) throw new Error('no verdict delivered');
  return message;
}

const statusOf = (message: Awaited<ReturnType<typeof expectCleanEnding>>, ruleId: string) =>
  message.report.findings.find((f) => f.ruleId === ruleId)?.status;

describe('happy path', () => {
  it('boots the AMI, collects facts, joins the cluster, terminates and publishes PASS', async () => {
    const ami = await world.freshAmi();
    const run = await runProbeExecution(world, world.request(ami));

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({
      verdicts: [{ computeEnvironment: 'batch-ce', verdict: 'PASS' }],
      fromCache: false,
    });
    const message = await expectCleanEnding();
    expect(message).toMatchObject({
      verdict: 'PASS',
      amiId: ami,
      computeEnvironment: { name: 'batch-ce' },
    });
    expect(statusOf(message, 'join-agent-registered')).toBe('PASS');
    expect(statusOf(message, 'join-awslogs-advertised')).toBe('PASS');
    // Image, host and join rules all decided on real facts: nothing required was left open.
    const undecided = message.report.findings.filter(
      (f) => f.level === 'required' && f.status !== 'PASS' && f.status !== 'NOT_APPLICABLE',
    );
    expect(undecided).toEqual([]);
    expect(statusOf(message, 'image-available')).toBe('PASS');
    expect(statusOf(message, 'awslogs-logging-driver')).toBe('PASS');
    expect(message.problems.length + message.failedRules.length).toBe(0);
    // Freshness is judged against the baseline the pipeline reads, from SSM's public parameter.
    const current = message.report.findings.find((f) => f.ruleId === 'ecs-agent-current');
    expect(current?.evidence.map((e) => e.source)).toContain(
      'baseline:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended',
    );
    // The collector went to the probe only, by instance id, with the configured timeout.
    const [send] = world.callsOf('SendCommand');
    expect(send?.input).toMatchObject({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [run.output?.instanceId],
      Parameters: { executionTimeout: ['300'] },
    });
  });

  it('serves a later probe of the same AMI from the cache: no instance, current rules, one verdict', async () => {
    const ami = await world.freshAmi();
    await runProbeExecution(world, world.request(ami));
    await world.notifier.drain();
    const launchesBefore = world.callsOf('RunInstances').length;

    const again = await runProbeExecution(world, world.request(ami), {
      executionName: `${ami}-c1-g2`,
    });

    expect(again.output?.fromCache).toBe(true);
    expect(again.tasks).toEqual(['Start', 'Score']);
    expect(world.callsOf('RunInstances')).toHaveLength(launchesBefore);
    expect((await expectCleanEnding()).verdict).toBe('PASS');
  });
});

describe('an AMI whose agent does not offer awslogs', () => {
  it('ends FAIL on the host rule and the join test alike, with one SNS message', async () => {
    // A hand-written unit runs the agent container without ecs-init and sets no drivers,
    // so the agent keeps its own default (json-file, none) and advertises no awslogs.
    world.scenario = {
      ...HEALTHY,
      host: 'systemd-unit-no-ecs-init',
      agent: { ...HEALTHY.agent, awslogs: false },
    };
    const run = await runProbeExecution(world, world.request(await world.freshAmi()));

    expect(run.output?.verdicts[0]?.verdict).toBe('FAIL');
    const message = await expectCleanEnding();
    expect(message.verdict).toBe('FAIL');
    const required = message.report.findings
      .filter((f) => f.status === 'FAIL' && f.level === 'required')
      .map((f) => f.ruleId);
    expect(required).toEqual(['awslogs-logging-driver', 'join-awslogs-advertised']);
    expect(message.problems.find((p) => p.ruleId === 'awslogs-logging-driver')?.message).toMatch(
      /not ecs-init, and nothing sets ECS_AVAILABLE_LOGGING_DRIVERS/,
    );
    expect(message.problems.find((p) => p.ruleId === 'join-awslogs-advertised')?.message).toMatch(
      /does not advertise awslogs; it advertises only json-file, none/,
    );
  });
});

describe('launch', () => {
  it('falls back to the next instance type on a capacity error', async () => {
    world.scenario = { ...HEALTHY, capacityErrors: ['t3.micro'] };
    const run = await runProbeExecution(world, world.request(await world.freshAmi()));

    const launches = world
      .callsOf('RunInstances')
      .slice(-2)
      .map((c) => (c.input as { InstanceType: string }).InstanceType);
    expect(launches).toEqual(['t3.micro', 't3a.micro']);
    expect(run.output?.verdicts[0]?.verdict).toBe('PASS');
    expect((await expectCleanEnding()).verdict).toBe('PASS');
  });

  it('says why, without launching, when the subnet has no path to SSM', async () => {
    const launchesBefore = world.callsOf('RunInstances').length;
    const ami = await world.freshAmi();
    const base = world.request(ami);
    const request = {
      ...base,
      targets: base.targets.map((t) => ({ ...t, subnets: [world.noPathSubnetId] })),
    };
    await runProbeExecution(world, request);

    expect(world.callsOf('RunInstances')).toHaveLength(launchesBefore);
    const message = await expectCleanEnding();
    expect(message.verdict).toBe('INCONCLUSIVE');
    expect(message.verdictReason).toMatch(
      /^no_ssm_path: .*has no path to SSM: its route table has no default route.*ssmmessages/,
    );
  });

  it('reports an AMI deregistered mid-audit to the image rules, which fail it', async () => {
    const ami = await world.freshAmi();
    // The pipeline described it as available; its owner deregisters it before the probe starts.
    const request = world.request(ami);
    expect(request.image).toMatchObject({ found: true, state: 'available' });
    await world.deregister(ami);
    const launchesBefore = world.callsOf('RunInstances').length;

    await runProbeExecution(world, request);

    expect(world.callsOf('RunInstances')).toHaveLength(launchesBefore);
    const message = await expectCleanEnding();
    expect(message.verdict).toBe('FAIL');
    expect(message.failedRules).toEqual(['image-available']);
    expect(message.problems.find((p) => p.ruleId === 'image-available')?.message).toMatch(
      new RegExp(`^AMI ${ami} could not be found .*deregistered`),
    );
    expect(message.verdictReason).toMatch(
      new RegExp(`^image_gone: The AMI ${ami} was deregistered`),
    );
  });
});

describe('a probe that never comes online in SSM', () => {
  it('ends INCONCLUSIVE with the console output as evidence, and is terminated', async () => {
    world.scenario = {
      ...HEALTHY,
      bootSeconds: Number.POSITIVE_INFINITY,
      agent: { ...HEALTHY.agent, joins: false },
      consoleOutput: [
        'Linux version 6.1.158 (mockbuild@amazon)',
        '[   12.3] cloud-init[1902]: Cloud-init v. 22.2.2 running modules:final',
        '[FAILED] Failed to start amazon-ssm-agent.service - amazon-ssm-agent.',
      ].join('\n'),
    };
    const start = world.clock.now();
    const run = await runProbeExecution(world, world.request(await world.freshAmi()));

    expect(world.clock.since(start)).toBeGreaterThanOrEqual(600);
    const message = await expectCleanEnding();
    expect(message.verdict).toBe('INCONCLUSIVE');
    expect(message.verdictReason).toMatch(
      /^ssm_never_online: The probe instance i-\w+ \(t3\.micro\) never came online in SSM within 600 s/,
    );
    expect(message.verdictReason).toContain('Failed to start amazon-ssm-agent.service');
    // A missing registration is not blamed on the AMI when the host may never have booted.
    expect(statusOf(message, 'join-agent-registered')).toBe('INCONCLUSIVE');
    expect(run.tasks).toContain('Terminate');
  });
});

describe('collector command', () => {
  it('times out: INCONCLUSIVE with the cause', async () => {
    world.scenario = { ...HEALTHY, command: 'hang' };
    await runProbeExecution(world, world.request(await world.freshAmi()));
    const message = await expectCleanEnding();
    expect(message.verdict).toBe('INCONCLUSIVE');
    expect(message.verdictReason).toMatch(
      /^command_timeout: The collector did not finish on i-\w+ within 300 s/,
    );
  });

  it('fails: INCONCLUSIVE with exit code and stderr', async () => {
    world.scenario = { ...HEALTHY, command: 'failed' };
    await runProbeExecution(world, world.request(await world.freshAmi()));
    const message = await expectCleanEnding();
    expect(message.verdict).toBe('INCONCLUSIVE');
    expect(message.verdictReason).toMatch(
      /^command_failed: .*exit code 127\)\. stderr: .*bad interpreter/,
    );
  });

  it('truncated inline output is flagged, marked incomplete and cached only briefly', async () => {
    world.scenario = { ...HEALTHY, outputCharacters: 40_000 };
    const ami = await world.freshAmi();
    await runProbeExecution(world, world.request(ami));

    const message = await expectCleanEnding();
    expect(message.verdictReason).toMatch(
      /output_truncated: The collector's output was cut at SSM's 24,000-character inline limit/,
    );
    const cached = await world.deps().cache.get(ami);
    expect(cached?.host?.collector.incomplete).toBe(true);
  });

  it('with the output bucket, reads the whole output from S3 instead', async () => {
    world.scenario = { ...HEALTHY, outputCharacters: 40_000 };
    const ami = await world.freshAmi();
    await runProbeExecution(world, world.request(ami), { config: { outputBucket: world.bucket } });

    const message = await expectCleanEnding();
    expect(message.verdict).toBe('PASS');
    expect(message.verdictReason).toBeUndefined();
    expect(world.callsOf('GetObject').length).toBeGreaterThan(0);
    expect((await world.deps().cache.get(ami))?.host?.collector.incomplete).toBe(false);
  });
});

describe('a crash between any two steps', () => {
  // Terminate and Score are the cleanup path itself: they are crashed into below, and retried.
  const cleanup: readonly TaskState[] = ['Terminate', 'Score'];
  const crashedAfter = TASK_STATES.filter((state) => !cleanup.includes(state));

  it.each(crashedAfter)(
    'after %s: still terminated, one INCONCLUSIVE verdict naming the crash',
    async (state) => {
      const run = await runProbeExecution(world, world.request(await world.freshAmi()), {
        crash: { state, when: 'after' },
      });
      expect(run.error).toBeUndefined();
      expect(run.tasks.at(-2)).toBe('Terminate');
      const message = await expectCleanEnding();
      expect(message.verdict).toBe('INCONCLUSIVE');
      const reason = message.verdictReason ?? message.problems.map((p) => p.message).join(' ');
      expect(reason).toContain(`simulated crash after ${state}`);
    },
  );

  it.each(cleanup)(
    'in %s: retried, the probe still ends terminated with exactly one verdict',
    async (state) => {
      const run = await runProbeExecution(world, world.request(await world.freshAmi()), {
        crash: { state, when: 'before' },
      });
      expect(run.tasks.filter((t) => t === state)).toHaveLength(2);
      expect((await expectCleanEnding()).verdict).toBe('PASS');
    },
  );

  it('a Lambda service error after RunInstances: the retried launch adopts the instance, never a second one', async () => {
    const run = await runProbeExecution(world, world.request(await world.freshAmi()), {
      crash: { state: 'Launch', when: 'after', errorName: 'Lambda.ServiceException' },
    });
    expect(run.tasks.filter((t) => t === 'Launch')).toHaveLength(2);
    expect(await world.instancesOfExecution(run.executionName)).toHaveLength(1);
    expect((await expectCleanEnding()).verdict).toBe('PASS');
  });

  it('covers every task state of the definition', () => {
    const tasks = Object.entries(loadProbeDefinition().States)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name]) => name);
    expect(crashedAfter).toContain('JoinTest');
    expect([...TASK_STATES].sort()).toEqual(tasks.sort());
  });
});

describe('a malformed request', () => {
  it('fails the execution without launching anything or publishing', async () => {
    const launchesBefore = world.callsOf('RunInstances').length;
    const run = await runProbeExecution(world, {
      ...world.request('ami-0abc0abc0abc0abc0'),
      amiId: 'not-an-ami',
    });
    expect(run.error?.message).toMatch(/InvalidProbeRequest|nothing was launched/);
    expect(world.callsOf('RunInstances')).toHaveLength(launchesBefore);
    expect(await world.notifier.drain()).toEqual([]);
  });
});
