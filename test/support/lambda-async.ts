/**
 * Lambda's asynchronous invocation, as EventBridge uses it, played in process: the function
 * is invoked with the event; if it throws, Lambda invokes it again with the same event, up to
 * the function's `maximumRetryAttempts` (serverless.yml); when every attempt failed, the event
 * goes to the function's on-failure destination (the stack's dead-letter queue) in the record
 * shape Lambda sends there. Nothing else: no waiting between attempts, no event age.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** How a function is invoked asynchronously, from serverless.yml. */
export interface AsyncInvokeConfig {
  readonly functionName: string;
  readonly maximumRetryAttempts: number;
  /** The on-failure destination's type (`sqs`), when the function has one. */
  readonly onFailure?: string;
}

/** The record Lambda sends to an on-failure destination once retries are exhausted. */
export interface OnFailureRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: 'RetriesExhausted';
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext: { readonly statusCode: 200; readonly functionError: 'Unhandled' };
  readonly responsePayload: { readonly errorType: string; readonly errorMessage: string };
}

export interface AsyncInvocation<R> {
  /** How many times the function ran. */
  readonly attempts: number;
  /** The error of each failed attempt, in order. */
  readonly errors: readonly Error[];
  /** What the successful attempt returned, if one succeeded. */
  readonly result?: R;
  /** The record sent to the on-failure destination, when every attempt failed. */
  readonly deadLetter?: OnFailureRecord;
}

/**
 * The function's asynchronous invocation settings as serverless.yml declares them (Lambda's
 * default of 2 retries when it declares none).
 */
export function asyncInvokeConfig(functionName: string): AsyncInvokeConfig {
  // CloudFormation tags (!GetAtt, !Sub) are left unresolved: only plain settings are read.
  const template = parse(readFileSync('serverless.yml', 'utf8'), { logLevel: 'silent' }) as {
    functions?: Record<
      string,
      { maximumRetryAttempts?: number; destinations?: { onFailure?: { type?: string } } }
    >;
  };
  const fn = template.functions?.[functionName];
  if (!fn) throw new Error(`serverless.yml declares no function ${functionName}`);
  const onFailure = fn.destinations?.onFailure?.type;
  return {
    functionName,
    maximumRetryAttempts: fn.maximumRetryAttempts ?? 2,
    ...(onFailure ? { onFailure } : {}),
  };
}

/**
 * Invokes `handler` with `event` as Lambda's async invoke would, handing the failure record
 * to `deadLetter` (an SQS send) once the retries are exhausted.
 */
export async function invokeAsync<R>(
  handler: (event: unknown) => Promise<R>,
  event: unknown,
  config: AsyncInvokeConfig,
  deadLetter: (record: OnFailureRecord) => Promise<void>,
): Promise<AsyncInvocation<R>> {
  const errors: Error[] = [];
  for (let attempt = 1; attempt <= config.maximumRetryAttempts + 1; attempt += 1) {
    try {
      const result = await handler(event);
      return { attempts: attempt, errors, result };
    } catch (error) {
      errors.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  if (!config.onFailure) {
    throw new Error(`${config.functionName} has no on-failure destination: the event is lost`);
  }
  const last = errors.at(-1) as Error;
  const record: OnFailureRecord = {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: `async-${Math.random().toString(16).slice(2)}`,
      functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${config.functionName}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: errors.length,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, functionError: 'Unhandled' },
    responsePayload: { errorType: last.name, errorMessage: last.message },
  };
  await deadLetter(record);
  return { attempts: errors.length, errors, deadLetter: record };
}
