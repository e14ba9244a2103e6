import { describe, expect, it } from 'vitest';
import { metricsForJanitor, metricsForResult, metricsForTask } from '../../../shared/probe/metrics';
import type { ProbeState } from '../../../shared/probe/state';
import { request } from './fixtures';

const launchedState: ProbeState = {
  request: request(),
  executionName: 'e',
  launch: {
    status: 'launched',
    instance: {
      instanceId: 'i-1',
      instanceType: 't3a.micro',
      subnetId: 'subnet-0aaa',
      launchedAt: '2026-11-28T10:00:00Z',
      expiresAt: '2026-11-28T11:00:00Z',
      gpu: false,
    },
    attempts: [
      {
        instanceType: 't3.micro',
        subnetId: 'subnet-0aaa',
        error: 'InsufficientInstanceCapacity: no',
      },
    ],
    network: { ssm: 'nat-gateway', ecs: 'nat-gateway', explanation: 'NAT' },
  },
};

describe('probe metrics', () => {
  it('counts launches and the capacity fallbacks they needed', () => {
    expect(metricsForTask('Launch', launchedState)).toEqual([
      { name: 'ProbeLaunched', unit: 'Count', value: 1 },
      { name: 'ProbeLaunchFallbacks', unit: 'Count', value: 1 },
    ]);
  });

  it('measures what a probe costs: instance seconds from launch to the terminate request', () => {
    const terminated = {
      ...launchedState,
      termination: { instanceIds: ['i-1'], requestedAt: '2026-11-28T10:01:40Z' },
    };
    expect(metricsForTask('Terminate', terminated)).toContainEqual({
      name: 'ProbeInstanceSeconds',
      unit: 'Seconds',
      value: 100,
    });
  });

  it('counts verdicts, probes and janitor work', () => {
    const result = {
      amiId: 'ami-1',
      auditId: 'a',
      verdicts: [{ computeEnvironment: 'ce', verdict: 'INCONCLUSIVE' }],
      fromCache: false,
    };
    expect(metricsForResult(result).map((m) => m.name)).toEqual([
      'VerdictInconclusive',
      'ProbesCompleted',
    ]);
    expect(metricsForJanitor({ terminated: ['i-1', 'i-2'], deregistered: [] })[0]).toEqual({
      name: 'JanitorTerminated',
      unit: 'Count',
      value: 2,
    });
  });
});
