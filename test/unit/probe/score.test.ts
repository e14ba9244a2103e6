/**
 * Scoring a probe's outcome with every real rule, on host facts the real collector and parser
 * produced from fixture hosts (test/fixtures/hosts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import { type Fact, known } from '../../../shared/core/fact';
import type { HostFacts } from '../../../shared/core/host-facts';
import { applyGpuLimitation } from '../../../shared/probe/gpu-limits';
import { joinFactsOfRegistration } from '../../../shared/probe/join-facts';
import { probeFactsOf } from '../../../shared/probe/outcome';
import { scoreProbe } from '../../../shared/probe/score';
import type { ProbeState } from '../../../shared/probe/state';
import { RULES } from '../../../shared/rules/index';
import { runFixtureHost } from '../../support/fixture-host';
import { request, target } from './fixtures';

/** The official ECS-optimized AL2023 AMI, booted. */
let al2023: HostFacts;
/** The official ECS GPU AMI on a g5 instance. */
let gpuHost: HostFacts;

beforeAll(async () => {
  al2023 = parseCollectorOutput(await runFixtureHost('al2023-ecs-optimized'));
  gpuHost = parseCollectorOutput(await runFixtureHost('al2023-ecs-gpu'));
});

/**
 * The GPU AMI as its collector reads it on an instance without a GPU: the driver is installed
 * but nothing is on the bus, no module is loaded and ecs-init wrote no GPU file.
 */
function gpuAmiOnCpuInstance(): HostFacts {
  const from = (fact: Fact<unknown>) => ({ source: fact.from?.source ?? 'collector' });
  return {
    ...gpuHost,
    gpu: {
      ...gpuHost.gpu,
      nvidiaPciDevices: known(0, from(gpuHost.gpu.nvidiaPciDevices)),
      driverLoaded: known(false, from(gpuHost.gpu.driverLoaded)),
      driverVersion: known(null, from(gpuHost.gpu.driverVersion)),
      devices: known([], from(gpuHost.gpu.devices)),
    },
    ecs: { ...gpuHost.ecs, gpuInfo: known(null, from(gpuHost.ecs.gpuInfo)) },
  };
}

const now = new Date('2026-11-28T10:10:00Z');
const instance = {
  instanceId: 'i-0abc',
  instanceType: 't3.micro',
  subnetId: 'subnet-0aaa',
  launchedAt: '2026-11-28T10:00:00Z',
  expiresAt: '2026-11-28T11:00:00Z',
  gpu: false,
};
const launched = (gpuLimitation?: string): ProbeState['launch'] => ({
  status: 'launched',
  instance,
  attempts: [],
  network: { ssm: 'nat-gateway', ecs: 'nat-gateway', explanation: 'NAT' },
  ...(gpuLimitation ? { gpuLimitation } : {}),
});
const joined = joinFactsOfRegistration({
  containerInstanceArn: 'arn:ci',
  ec2InstanceId: 'i-0abc',
  attributes: ['com.amazonaws.ecs.capability.logging-driver.awslogs'],
  agentVersion: '1.106.1',
  dockerVersion: 'DockerVersion: 25.0.16',
  gpuIds: [],
});
const poll = { attempt: 1, waitSeconds: 0, deadline: '2026-11-28T10:10:00Z' };

function completed(overrides: Partial<ProbeState> = {}): ProbeState {
  return {
    request: request(),
    executionName: 'ami-0123456789abcdef0-c1',
    launch: launched(),
    online: { ...poll, status: 'online', onlineAt: '2026-11-28T10:01:00Z' },
    command: {
      ...poll,
      status: 'collected',
      commandId: 'c-1',
      sentAt: '2026-11-28T10:01:00Z',
      host: al2023,
    },
    join: { ...poll, status: 'done', facts: joined },
    ...overrides,
  };
}

const score = (state: ProbeState) =>
  scoreProbe({
    request: state.request,
    facts: probeFactsOf(state),
    rules: RULES,
    toolVersion: 't',
    now,
  });

describe('probe outcome and scoring', () => {
  it('scores a complete probe PASS with one report per compute environment', () => {
    const state = completed({
      request: request({ targets: [target({ name: 'a' }), target({ name: 'b' })] }),
    });
    const reports = score(state);
    expect(reports.map((r) => [r.target.computeEnvironment?.name, r.verdict])).toEqual([
      ['a', 'PASS'],
      ['b', 'PASS'],
    ]);
    expect(probeFactsOf(state).cacheFor).toBe('long');
  });

  it('ends INCONCLUSIVE with the cause, never PASS, when the probe never came online', () => {
    const state = completed({
      online: {
        ...poll,
        status: 'never-online',
        failure: {
          code: 'ssm_never_online',
          message: 'never online. Console output, notable lines: Kernel panic',
        },
      },
      command: undefined,
      join: undefined,
    });
    const [report] = score(state);
    expect(report?.verdict).toBe('INCONCLUSIVE');
    expect(report?.verdictReason).toMatch(/^ssm_never_online: .*Kernel panic/);
    expect(probeFactsOf(state).cacheFor).toBe('short');
  });

  it('keeps facts collected before a crash and still reports the crash', () => {
    const state = completed({
      join: undefined,
      error: { Error: 'Error', Cause: '{"errorType":"TypeError","errorMessage":"boom"}' },
    });
    const facts = probeFactsOf(state);
    expect(facts.host).toBeDefined();
    expect(facts.cacheFor).toBe('none');
    const [report] = score(state);
    expect(report?.findings.find((f) => f.ruleId === 'kernel-version')?.status).toBe('PASS');
    expect(report?.findings.find((f) => f.ruleId === 'join-agent-registered')?.status).toBe(
      'INCONCLUSIVE',
    );
    expect(report?.verdict).toBe('INCONCLUSIVE');
  });

  it('marks the image deregistered when it vanished mid-audit', () => {
    const state = completed({
      launch: {
        status: 'image-gone',
        failure: { code: 'image_gone', message: 'gone' },
        attempts: [],
        imageState: 'deregistered',
      },
      online: undefined,
      command: undefined,
      join: undefined,
    });
    expect(probeFactsOf(state).image).toMatchObject({
      found: false,
      state: 'deregistered',
      notFoundReason: 'gone',
    });
    expect(probeFactsOf(state).cacheFor).toBe('none');
  });

  it('flags truncated output in the verdict reason and caches it only briefly', () => {
    const host = { ...al2023, collector: { ...al2023.collector, incomplete: true } };
    const state = completed({
      command: {
        ...poll,
        status: 'collected',
        commandId: 'c-1',
        sentAt: '2026-11-28T10:01:00Z',
        host,
        truncated: true,
        failure: { code: 'output_truncated', message: 'cut at 24,000 characters' },
      },
    });
    expect(score(state)[0]?.verdictReason).toMatch(/output_truncated: cut at 24,000/);
    expect(probeFactsOf(state).cacheFor).toBe('short');
  });

  it('mentions a failed termination next to the verdict', () => {
    const state = completed({
      terminateError: { Error: 'AwsAccessDeniedError', Cause: 'ec2:TerminateInstances was denied' },
    });
    expect(score(state)[0]?.verdictReason).toMatch(
      /Terminating the probe failed .*powers itself off by 2026-11-28T11:00:00Z/,
    );
  });
});

describe('the freshness baseline', () => {
  const PREFIX = '/aws/service/ecs/optimized-ami';
  const parameter = (agent: string) =>
    JSON.stringify({ ecs_agent_version: agent, ecs_runtime_version: 'Docker version 25.0.16' });
  const parameters = new Map<string, unknown>([
    [`${PREFIX}/amazon-linux-2023/recommended`, parameter('1.106.1')],
    [`${PREFIX}/amazon-linux-2/recommended`, parameter('1.106.1')],
    [`${PREFIX}/amazon-linux-2023/gpu/recommended`, parameter('1.200.0')],
  ]);
  const currentAgent = (report: ReturnType<typeof score>[number] | undefined) =>
    report?.findings.find((f) => f.ruleId === 'ecs-agent-current');

  it('is chosen per compute environment the way the pipeline chooses it', () => {
    const state = completed({
      request: request({
        targets: [
          { ...target({ name: 'al2' }), imageType: 'ECS_AL2' },
          { ...target({ name: 'al2023' }), imageType: 'ECS_AL2023' },
          { ...target({ name: 'gpu', gpu: true }), imageType: 'ECS_AL2023_NVIDIA' },
        ],
      }),
    });
    const problems: string[] = [];
    const [al2, al2023Report, gpu] = scoreProbe({
      request: state.request,
      facts: probeFactsOf(state),
      parameters,
      onBaselineProblem: (message) => problems.push(message),
      rules: RULES,
      toolVersion: 't',
      now,
    });
    expect(currentAgent(al2)?.message).toContain(`ssm:${PREFIX}/amazon-linux-2/recommended`);
    expect(currentAgent(al2023Report)?.message).toContain(
      `ssm:${PREFIX}/amazon-linux-2023/recommended`,
    );
    // The GPU AMI's baseline is a newer agent than the host runs.
    expect(currentAgent(gpu)).toMatchObject({ status: 'FAIL' });
    expect(currentAgent(gpu)?.message).toContain(`ssm:${PREFIX}/amazon-linux-2023/gpu/recommended`);
    expect(problems).toEqual([]);
  });

  it('falls back to the built-in baseline, saying why, when the parameter is missing', () => {
    const problems: string[] = [];
    const [report] = scoreProbe({
      request: request({ targets: [{ ...target(), imageType: 'ECS_AL2023' }] }),
      facts: probeFactsOf(completed()),
      parameters: new Map(),
      onBaselineProblem: (message) => problems.push(message),
      rules: RULES,
      toolVersion: 't',
      now,
    });
    expect(currentAgent(report)?.message).toContain('built-in');
    expect(problems).toEqual([
      `SSM parameter ${PREFIX}/amazon-linux-2023/recommended does not exist in this region; the built-in baseline applies`,
    ]);
  });
});

describe('needs a GPU probe', () => {
  it('turns hardware facts unknown for a GPU compute environment probed without a GPU', () => {
    const { host, join } = applyGpuLimitation(
      gpuAmiOnCpuInstance(),
      joined,
      'needs a GPU probe: disabled',
    );
    expect(host?.gpu.driverLoaded).toMatchObject({
      known: false,
      reason: 'needs a GPU probe: disabled',
    });
    expect(host?.gpu.devices.known).toBe(false);
    expect(host?.ecs.gpuInfo.known).toBe(false);
    expect(join?.gpuIds.known).toBe(false);
    // Facts that need no hardware stay: a missing driver is still a finding.
    expect(host?.gpu.driverInstalled).toEqual(gpuAmiOnCpuInstance().gpu.driverInstalled);
  });

  it('applies only to GPU compute environments, and says so in their verdict reason', () => {
    const state = completed({
      request: request({ targets: [target({ name: 'cpu' }), target({ name: 'gpu', gpu: true })] }),
      launch: launched('needs a GPU probe: GPU probes are disabled'),
      command: {
        ...poll,
        status: 'collected',
        commandId: 'c',
        sentAt: now.toISOString(),
        host: gpuAmiOnCpuInstance(),
      },
    });
    const [cpu, gpu] = score(state);
    expect(cpu?.verdictReason).toBeUndefined();
    expect(gpu?.verdictReason).toMatch(/Needs a GPU probe: GPU probes are disabled/);
  });

  it('does not apply when the probe had a GPU', () => {
    const host = gpuHost;
    expect(host.gpu.nvidiaPciDevices).toMatchObject({ known: true, value: 1 });
    const state = completed({
      request: request({ targets: [target({ gpu: true })] }),
      command: { ...poll, status: 'collected', commandId: 'c', sentAt: now.toISOString(), host },
    });
    expect(score(state)[0]?.verdictReason).toBeUndefined();
  });
});
