/**
 * Injects AWS faults into SDK clients through their middleware stacks, so the
 * code under test sees exactly what a failing service would give it:
 *
 * - `error` faults throw an SDK-shaped service error (throttling, a 500, a KMS
 *   failure) *inside* the SDK's retry middleware, so the client's real retry
 *   strategy (the project's adaptive mode and attempt budget) decides what
 *   happens next, as it would with AWS;
 * - `crash-after` faults let a call succeed and then kill the caller (a Lambda
 *   timeout or out-of-memory right after the call): what was done stays done.
 *
 * Every fault can be scoped to one component of the pipeline (the change
 * handler, one probe task, the sweep, the janitor): the injector knows which
 * one is running because the harness tells it.
 */
import type { TaskState } from './local-probe-execution';

/** What is running when a call is made. */
export type Component = 'handler' | 'sweep' | 'janitor' | TaskState;

/** A service error as the SDK's deserializers shape them (name = the error code). */
export interface InjectedError {
  readonly name: string;
  readonly message: string;
  readonly httpStatusCode: number;
  readonly fault: 'client' | 'server';
}

export interface ErrorFault {
  readonly kind: 'error';
  /** `Service:Operation`, as the CallCounter names calls (`EC2:RunInstances`). */
  readonly op: string;
  readonly where?: Component;
  /** How many attempts fail; `Infinity` while the fault lasts. */
  readonly times: number;
  readonly error: InjectedError;
}

export interface CrashFault {
  readonly kind: 'crash-after';
  readonly op: string;
  readonly where?: Component;
  /** How many successful calls are followed by a crash (default 1). */
  readonly times?: number;
  /** Crash after the n-th matching call (default 1: the first). */
  readonly nth?: number;
}

export type Fault = ErrorFault | CrashFault;

/** One call of the pipeline, once however many attempts it took. */
export interface ObservedCall {
  readonly component: Component;
  readonly op: string;
}

/** The error name a crashed invocation reports (the state machine's Catch and Retry match it). */
export const CRASH_ERROR_NAME = 'SimulatedCrash';

/** Each service's own throttling error, as its API answers (all retryable as throttling by the SDK). */
const THROTTLING_BY_SERVICE: Readonly<Record<string, Omit<InjectedError, 'message'>>> = {
  EC2: { name: 'RequestLimitExceeded', httpStatusCode: 503, fault: 'client' },
  S3: { name: 'SlowDown', httpStatusCode: 503, fault: 'client' },
  SNS: { name: 'ThrottledException', httpStatusCode: 429, fault: 'client' },
  Batch: { name: 'TooManyRequestsException', httpStatusCode: 429, fault: 'client' },
};

/** The throttling error the service of `op` answers with. */
export function throttlingError(op: string): InjectedError {
  const service = op.split(':')[0] ?? '';
  const shape = THROTTLING_BY_SERVICE[service] ?? {
    name: 'ThrottlingException',
    httpStatusCode: 400,
    fault: 'client' as const,
  };
  return { ...shape, message: `Rate exceeded (injected on ${op})` };
}

/** SNS cannot use the topic's KMS key (disabled, policy changed): not retryable. */
export const KMS_DISABLED: InjectedError = {
  name: 'KMSDisabledException',
  message: 'The request was rejected because the specified AWS KMS key is disabled (injected).',
  httpStatusCode: 400,
  fault: 'client',
};

/** A transient server-side failure: retryable. */
export const INTERNAL_ERROR: InjectedError = {
  name: 'InternalErrorException',
  message: 'An internal error occurred (injected).',
  httpStatusCode: 500,
  fault: 'server',
};

interface MiddlewareHost {
  readonly middlewareStack: unknown;
}

interface HandlerContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

type Next = (args: unknown) => Promise<unknown>;

export class FaultInjector {
  /** What is running now; the harness sets it as it hands control to a component. */
  component: Component = 'handler';
  /** Every call made through an attached client, in order. */
  readonly calls: ObservedCall[] = [];
  /** Every attempt that was failed by an injected error, in order. */
  readonly injected: (ObservedCall & { readonly error: string })[] = [];
  /** Every call after which the caller was crashed. */
  readonly crashed: ObservedCall[] = [];
  private active: { fault: Fault; left: number; skip: number }[] = [];

  /** Starts injecting `fault` (on top of those already active). */
  add(fault: Fault): void {
    const left = fault.kind === 'error' ? fault.times : (fault.times ?? 1);
    const skip = fault.kind === 'crash-after' ? (fault.nth ?? 1) - 1 : 0;
    this.active.push({ fault, left, skip });
  }

  /** Ends every fault: the service is healthy again. */
  clear(): void {
    this.active = [];
  }

  /** Forgets what was observed (between fault runs). */
  reset(): void {
    this.clear();
    this.calls.length = 0;
    this.injected.length = 0;
    this.crashed.length = 0;
    this.component = 'handler';
  }

  /** Distinct `component → op` pairs called so far, in order of first call. */
  distinctCalls(): ObservedCall[] {
    const seen = new Set<string>();
    return this.calls.filter((call) => {
      const key = `${call.component}>${call.op}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Adds the injector's middleware to a client (its own stack, or the one a document client shares). */
  attach(client: MiddlewareHost): void {
    const stack = client.middlewareStack as {
      add: (middleware: unknown, options: Record<string, unknown>) => void;
    };
    // Outermost: sees each call once, and crashes its caller after a call that succeeded.
    stack.add(
      (next: Next, context: HandlerContext) => async (args: unknown) => {
        const call = { component: this.component, op: opName(context) };
        this.calls.push(call);
        const output = await next(args);
        if (this.take('crash-after', call)) {
          this.crashed.push(call);
          throw Object.assign(new Error(`simulated crash after ${call.op} in ${call.component}`), {
            name: CRASH_ERROR_NAME,
          });
        }
        return output;
      },
      { step: 'initialize', name: 'faultInjectorCalls', override: true },
    );
    // Inside the SDK's retry middleware (which is finalizeRequest, high priority): every
    // attempt passes here, and what is thrown here is what the retry strategy judges.
    stack.add(
      (next: Next, context: HandlerContext) => async (args: unknown) => {
        const call = { component: this.component, op: opName(context) };
        const fault = this.take('error', call);
        if (fault?.kind === 'error') {
          this.injected.push({ ...call, error: fault.error.name });
          throw serviceError(fault.error);
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'faultInjectorErrors', override: true },
    );
  }

  /** The first active fault of `kind` matching the call, consumed once; undefined when none. */
  private take(kind: Fault['kind'], call: ObservedCall): Fault | undefined {
    const entry = this.active.find(
      ({ fault, left }) =>
        fault.kind === kind &&
        left > 0 &&
        fault.op === call.op &&
        (fault.where === undefined || fault.where === call.component),
    );
    if (!entry) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.left -= 1;
    return entry.fault;
  }
}

/** `EC2Client` + `RunInstancesCommand` → `EC2:RunInstances` (DynamoDB document commands: their table command). */
function opName(context: HandlerContext): string {
  const client = String(context.clientName ?? 'unknown').replace(/(Document)?Client$/, '');
  const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
  return `${client}:${command}`;
}

function serviceError(error: InjectedError): Error {
  return Object.assign(new Error(error.message), {
    name: error.name,
    $fault: error.fault,
    $metadata: { httpStatusCode: error.httpStatusCode, requestId: 'injected' },
  });
}
