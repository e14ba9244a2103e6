/**
 * The metrics each probe task emits, derived from its output so the tasks
 * stay free of telemetry code. Names are what the dashboard and alarms use
 * (docs/probe.md).
 */
import type { JanitorReport } from './janitor';
import type { ProbeResult, ProbeState } from './state';

export interface MetricPoint {
  readonly name: string;
  readonly unit: 'Count' | 'Seconds';
  readonly value: number;
}

const count = (name: string, value = 1): MetricPoint => ({ name, unit: 'Count', value });
const seconds = (name: string, from: string, to: string): MetricPoint => ({
  name,
  unit: 'Seconds',
  value: Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000),
});

export type ProbeTaskName =
  | 'Start'
  | 'Launch'
  | 'CheckOnline'
  | 'RunCollector'
  | 'CheckCommand'
  | 'JoinTest'
  | 'Terminate';

export function metricsForTask(task: ProbeTaskName, state: ProbeState): MetricPoint[] {
  const launch = state.launch;
  switch (task) {
    case 'Start':
      return state.cached ? [count('ProbeCacheHit')] : [count('ProbeCacheMiss')];
    case 'Launch':
      if (launch?.status !== 'launched') return [count('ProbeNotLaunched')];
      return [count('ProbeLaunched'), count('ProbeLaunchFallbacks', launch.attempts.length)];
    case 'CheckOnline':
      if (
        state.online?.status === 'online' &&
        launch?.status === 'launched' &&
        state.online.onlineAt
      ) {
        return [seconds('ProbeSecondsToOnline', launch.instance.launchedAt, state.online.onlineAt)];
      }
      return state.online?.status === 'never-online' || state.online?.status === 'instance-gone'
        ? [count('ProbeNeverOnline')]
        : [];
    case 'CheckCommand':
      if (state.command?.status === 'failed') return [count('CollectorFailed')];
      if (state.command?.status === 'collected') {
        return state.command.truncated
          ? [count('CollectorOutputTruncated')]
          : [count('CollectorSucceeded')];
      }
      return [];
    case 'JoinTest': {
      if (state.join?.status !== 'done') return [];
      const registered = state.join.facts?.registered;
      return [count(registered?.known && registered.value ? 'ProbeJoined' : 'ProbeNotJoined')];
    }
    case 'Terminate':
      if (launch?.status !== 'launched' || !state.termination) return [];
      // Instance time is what a probe costs: launch to terminate request.
      return [
        count('ProbeTerminated', state.termination.instanceIds.length),
        seconds('ProbeInstanceSeconds', launch.instance.launchedAt, state.termination.requestedAt),
      ];
    case 'RunCollector':
      return [];
  }
}

export function metricsForResult(result: ProbeResult): MetricPoint[] {
  const points = result.verdicts.map((v) => count(`Verdict${capitalise(v.verdict)}`));
  return result.fromCache ? points : [...points, count('ProbesCompleted')];
}

export function metricsForJanitor(report: JanitorReport): MetricPoint[] {
  return [
    count('JanitorTerminated', report.terminated.length),
    count('JanitorDeregistered', report.deregistered.length),
  ];
}

function capitalise(verdict: string): string {
  return verdict.charAt(0) + verdict.slice(1).toLowerCase();
}
