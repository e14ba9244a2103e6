/**
 * The probe run from a workstation (`batch-ami-audit ami <ami-id>`): the very
 * task functions the state machine runs, driven in-process in the same order,
 * with real waits, progress for stderr, and the same cleanup guarantee
 * (Terminate on every path, including an interrupt through `signal`).
 */
import type { AuditReport } from '../core/report';
import type { Rule } from '../core/rule';
import type { ProbeRequest } from '../pipeline/ports';
import { rulesFor } from '../rules/index';
import { failureOf } from './outcome';
import type { ProbeDeps } from './ports';
import type { ProbeState } from './state';
import { instanceOf } from './state';
import { checkCommand } from './tasks/check-command';
import { checkOnline } from './tasks/check-online';
import { joinTest } from './tasks/join-test';
import { launchProbe } from './tasks/launch';
import { runCollector } from './tasks/run-collector';
import { scoreState } from './tasks/score';
import { startProbe } from './tasks/start';
import { terminateProbe } from './tasks/terminate';

export interface ProbeProgress {
  readonly step:
    | 'start'
    | 'launch'
    | 'online'
    | 'collect'
    | 'join'
    | 'terminate'
    | 'score'
    | 'keep';
  readonly message: string;
}

export interface WorkstationProbeOptions {
  /** Keep the instance when the probe could not collect facts or the agent did not join (debugging). */
  readonly keepOnFailure?: boolean;
  /** Progress lines, for stderr. */
  readonly onProgress?: (progress: ProbeProgress) => void;
  /** Aborting stops waiting and goes straight to cleanup (wire it to SIGINT). */
  readonly signal?: AbortSignal;
  /** Defaults to a timer; tests pass a simulated clock's. */
  readonly sleep?: (seconds: number, signal?: AbortSignal) => Promise<void>;
  /** Names the run in the instance's execution tag (default `cli-<ami>-<time>`). */
  readonly runName?: string;
  readonly rules?: readonly Rule[];
}

export interface WorkstationProbeResult {
  readonly reports: readonly AuditReport[];
  readonly state: ProbeState;
  /** The instance left running by keepOnFailure, and when it powers itself off. */
  readonly kept?: { readonly instanceId: string; readonly expiresAt: string };
}

/**
 * Probes one AMI end to end and returns one report per target (one without
 * a compute environment when `request.targets` is empty). Nothing is
 * published: the caller prints or emits the reports.
 */
export async function probeAmiFromWorkstation(
  request: ProbeRequest,
  deps: Omit<ProbeDeps, 'notifier'>,
  options: WorkstationProbeOptions = {},
): Promise<WorkstationProbeResult> {
  const progress = options.onProgress ?? (() => undefined);
  const sleep = options.sleep ?? abortableSleep;
  const executionName =
    options.runName ??
    `cli-${request.amiId}-${deps
      .now()
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14)}`;

  let state = await startProbe({ request, executionName }, deps);
  if (state.cached) {
    progress({
      step: 'start',
      message: `Using facts cached at ${state.cached.collectedAt}: no probe launched.`,
    });
  } else {
    state = await probe(state, deps, sleep, progress, options.signal);
    const keep = options.keepOnFailure && instanceOf(state) && probeFailed(state);
    if (keep) {
      const instance = instanceOf(state);
      progress({
        step: 'keep',
        message: `Keeping ${instance?.instanceId} for debugging (--keep-on-failure); it powers itself off at ${instance?.expiresAt}. Connect with: aws ssm start-session --target ${instance?.instanceId}`,
      });
      state = {
        ...state,
        termination: { instanceIds: [], requestedAt: deps.now().toISOString(), kept: true },
      };
    } else {
      state = await terminate(state, deps, progress);
    }
  }
  progress({ step: 'score', message: 'Scoring the facts against the rules.' });
  const { reports } = await scoreState(
    state,
    deps,
    options.rules ?? rulesFor(['image', 'host', 'join']),
  );
  const instance = instanceOf(state);
  return {
    reports,
    state,
    ...(state.termination?.kept && instance
      ? { kept: { instanceId: instance.instanceId, expiresAt: instance.expiresAt } }
      : {}),
  };
}

type Sleep = NonNullable<WorkstationProbeOptions['sleep']>;
type Progress = (progress: ProbeProgress) => void;

/** Launch to join test, as the state machine runs it; an error ends in the same state shape a Catch makes. */
async function probe(
  initial: ProbeState,
  deps: Omit<ProbeDeps, 'notifier'>,
  sleep: Sleep,
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<ProbeState> {
  let state = initial;
  try {
    // Interrupted before anything was launched: launch nothing.
    signal?.throwIfAborted();
    progress({ step: 'launch', message: `Launching a probe of ${state.request.amiId}.` });
    state = await launchProbe(state, deps);
    const instance = instanceOf(state);
    if (!instance) {
      progress({ step: 'launch', message: failureOf(state)?.message ?? 'Not launched.' });
      return state;
    }
    progress({
      step: 'launch',
      message: `Launched ${instance.instanceId} (${instance.instanceType}); waiting for SSM.`,
    });
    while (state.online?.status === 'waiting') {
      await sleep(state.online.waitSeconds, signal);
      state = await checkOnline(state, deps);
      if (state.online?.status === 'waiting') {
        progress({
          step: 'online',
          message: `Not online in SSM yet (check ${state.online.attempt}); next check in ${state.online.waitSeconds} s.`,
        });
      }
    }
    if (state.online?.status === 'online') {
      progress({ step: 'collect', message: 'Online in SSM; running the collector.' });
      state = await runCollector(state, deps);
      while (state.command?.status === 'running') {
        await sleep(state.command.waitSeconds, signal);
        state = await checkCommand(state, deps);
      }
    } else {
      progress({ step: 'online', message: failureOf(state)?.message ?? 'Never online.' });
    }
    if (state.online?.status === 'online' || state.online?.status === 'never-online') {
      progress({ step: 'join', message: 'Checking that the ECS agent joined the probe cluster.' });
      state = await joinTest(state, deps);
      while (state.join?.status === 'waiting') {
        await sleep(state.join.waitSeconds, signal);
        state = await joinTest(state, deps);
      }
    }
  } catch (error) {
    state = {
      ...state,
      error: {
        Error: error instanceof Error ? error.name : 'Error',
        Cause: error instanceof Error ? error.message : String(error),
      },
    };
    progress({
      step: 'terminate',
      message: `The probe failed (${state.error?.Cause}); cleaning up.`,
    });
  }
  return state;
}

async function terminate(
  state: ProbeState,
  deps: Omit<ProbeDeps, 'notifier'>,
  progress: Progress,
): Promise<ProbeState> {
  try {
    const done = await terminateProbe(state, deps);
    if (done.termination?.instanceIds.length) {
      progress({
        step: 'terminate',
        message: `Terminated ${done.termination.instanceIds.join(', ')}.`,
      });
    }
    return done;
  } catch (error) {
    progress({
      step: 'terminate',
      message: `Terminating failed: ${error instanceof Error ? error.message : String(error)}; the probe powers itself off at its expiry.`,
    });
    return {
      ...state,
      terminateError: {
        Error: error instanceof Error ? error.name : 'Error',
        Cause: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

/** The probe collected no (complete) facts, or the agent did not join. */
function probeFailed(state: ProbeState): boolean {
  if (failureOf(state)) return true;
  const registered = state.join?.facts?.registered;
  return !(registered?.known && registered.value);
}

/** Waits `seconds`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('Interrupted'));
    const timer = setTimeout(resolve, seconds * 1000);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new Error('Interrupted'));
      },
      { once: true },
    );
  });
}
