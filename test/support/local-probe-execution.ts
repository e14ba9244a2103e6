/**
 * Runs the deployed state machine definition (state-machines/probe.asl.json)
 * locally with aws-local-stepfunctions, every Task state bound to the real
 * task function over a ProbeWorld's deps. Wait states take no real time: the
 * world's simulated clock advances by the seconds each Wait would have
 * waited. A crash can be injected before or after any task.
 */
import { readFileSync } from 'node:fs';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { COLLECTOR_VERSION } from '../../shared/collector/script';
import type { Rule } from '../../shared/core/rule';
import type { ProbeRequest } from '../../shared/pipeline/ports';
import type { ProbeConfig } from '../../shared/probe/config';
import { probeExecutionName } from '../../shared/probe/execution-name';
import type { ProbeDeps } from '../../shared/probe/ports';
import type { ProbeResult, ProbeState } from '../../shared/probe/state';
import { checkCommand } from '../../shared/probe/tasks/check-command';
import { checkOnline } from '../../shared/probe/tasks/check-online';
import { joinTest } from '../../shared/probe/tasks/join-test';
import { launchProbe } from '../../shared/probe/tasks/launch';
import { runCollector } from '../../shared/probe/tasks/run-collector';
import { scoreAndPublish } from '../../shared/probe/tasks/score';
import { type StartInput, startProbe } from '../../shared/probe/tasks/start';
import { terminateProbe } from '../../shared/probe/tasks/terminate';
import type { ProbeWorld } from './probe-world';

export const TASK_STATES = [
  'Start',
  'Launch',
  'CheckOnline',
  'RunCollector',
  'CheckCommand',
  'JoinTest',
  'Terminate',
  'Score',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The part of aws-local-stepfunctions' event log the tests read (the type is not exported). */
export interface EventLog {
  readonly type: string;
  readonly state?: { readonly name: string };
}

const WAIT_STATES = ['WaitForTurn', 'WaitForOnline', 'WaitForCommand', 'WaitForJoin'];

export interface CrashPlan {
  readonly state: TaskState;
  /** Before the task runs, or after it ran (its side effects done) but before it returns. */
  readonly when: 'before' | 'after';
  /** Error name; `Lambda.ServiceException` is retried by the definition, others are caught. */
  readonly errorName?: string;
  /** How many times to crash (default 1). */
  readonly times?: number;
}

export interface LocalRunOptions {
  readonly executionName?: string;
  readonly crash?: CrashPlan;
  readonly config?: Partial<ProbeConfig>;
  readonly rules?: readonly Rule[];
  /** Simulated seconds each task invocation costs on top of its AWS calls (Lambda overhead). */
  readonly taskOverheadSeconds?: number;
  /** The tasks' deps instead of the world's own (other clients, the real notifier). */
  readonly deps?: ProbeDeps;
  /** Called as each task invocation begins (fault injection scoped to one task, say). */
  readonly onTask?: (state: TaskState) => void;
}

export interface LocalRun {
  readonly output?: ProbeResult;
  readonly error?: Error;
  readonly events: EventLog[];
  /** Task states in the order they ran. */
  readonly tasks: TaskState[];
  readonly executionName: string;
}

/** The definition as deployed, with the Lambda ARN placeholders filled in. */
export function loadProbeDefinition(): StateMachineDefinition {
  // Relative to the repository root: the working directory of tests and of `npm run bench`.
  const text = readFileSync('state-machines/probe.asl.json', 'utf8');
  return JSON.parse(
    text.replace(
      /\$\{(\w+)FunctionArn\}/g,
      'arn:aws:lambda:us-east-1:123456789012:function:probe-$1',
    ),
  ) as StateMachineDefinition;
}

export async function runProbeExecution(
  world: ProbeWorld,
  request: ProbeRequest,
  options: LocalRunOptions = {},
): Promise<LocalRun> {
  const deps = options.deps ?? world.deps(options.config);
  const executionName =
    options.executionName ?? probeExecutionName(request.amiId, COLLECTOR_VERSION);
  const tasks: TaskState[] = [];
  let crashesLeft = options.crash?.times ?? 1;
  // WaitForTurn runs once, before the first Start: its wait passes on the simulated clock then.
  let turnWaited = false;

  const bind =
    <I>(state: TaskState, run: (input: I, deps: ProbeDeps) => Promise<unknown>) =>
    async (input: unknown) => {
      tasks.push(state);
      options.onTask?.(state);
      // Lambda sees JSON, never live objects: round-trip like the service does.
      const payload = JSON.parse(JSON.stringify(input)) as I;
      const crash = options.crash?.state === state && crashesLeft > 0 ? options.crash : undefined;
      if (crash?.when === 'before') {
        crashesLeft -= 1;
        throw simulatedCrash(crash, state);
      }
      if (state === 'Start' && !turnWaited) {
        turnWaited = true;
        world.clock.advance(request.startDelaySeconds ?? 0);
      }
      advanceForWait(world, state, payload);
      world.clock.advance(options.taskOverheadSeconds ?? 0);
      const output = await run(payload, deps);
      if (crash?.when === 'after') {
        crashesLeft -= 1;
        throw simulatedCrash(crash, state);
      }
      return JSON.parse(JSON.stringify(output));
    };

  const machine = new StateMachine(loadProbeDefinition());
  const execution = machine.run(request as never, {
    context: {
      Execution: {
        Id: `arn:aws:states:us-east-1:123456789012:execution:probe:${executionName}`,
        Name: executionName,
        Input: request as never,
        StartTime: world.clock.now().toISOString(),
      },
    },
    overrides: {
      taskResourceLocalHandlers: {
        Start: bind<StartInput>('Start', startProbe),
        Launch: bind<ProbeState>('Launch', launchProbe),
        CheckOnline: bind<ProbeState>('CheckOnline', checkOnline),
        RunCollector: bind<ProbeState>('RunCollector', runCollector),
        CheckCommand: bind<ProbeState>('CheckCommand', checkCommand),
        JoinTest: bind<ProbeState>('JoinTest', joinTest),
        Terminate: bind<ProbeState>('Terminate', terminateProbe),
        Score: bind<ProbeState>('Score', (state, d) => scoreAndPublish(state, d, options.rules)),
      } as never,
      waitTimeOverrides: Object.fromEntries(WAIT_STATES.map((name) => [name, 0])),
      retryIntervalOverrides: Object.fromEntries(TASK_STATES.map((name) => [name, 0])),
    },
  });
  const events: EventLog[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) events.push(event as EventLog);
  })();
  try {
    const output = (await execution.result) as unknown as ProbeResult;
    await collecting;
    return { output, events, tasks, executionName };
  } catch (error) {
    await collecting.catch(() => undefined);
    return { error: error as Error, events, tasks, executionName };
  }
}

/** The seconds the Wait state before this task would have waited, in simulated time. */
function advanceForWait(world: ProbeWorld, state: TaskState, input: unknown): void {
  const probe = input as Partial<ProbeState>;
  if (state === 'CheckOnline') world.clock.advance(probe.online?.waitSeconds ?? 0);
  if (state === 'CheckCommand') world.clock.advance(probe.command?.waitSeconds ?? 0);
  if (state === 'JoinTest' && probe.join?.status === 'waiting')
    world.clock.advance(probe.join.waitSeconds);
}

function simulatedCrash(crash: CrashPlan, state: TaskState): Error {
  return Object.assign(new Error(`simulated crash ${crash.when} ${state}`), {
    name: crash.errorName ?? 'SimulatedCrash',
  });
}
