import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { InvalidInputError } from '../../../shared/errors';

type Runtime = typeof import('../../../shared/aws/probe/lambda-runtime');
let runtime: Runtime;

const context = {
  functionName: 'batch-ami-auditor-dev-probeLaunch',
  functionVersion: '$LATEST',
  invokedFunctionArn:
    'arn:aws:lambda:us-east-1:123456789012:function:batch-ami-auditor-dev-probeLaunch',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/probeLaunch',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

const state = {
  request: { auditId: 'audit-9', amiId: 'ami-0123456789abcdef0' },
  executionName: 'ami-0123456789abcdef0-c1',
  launch: { status: 'launched', instance: { instanceId: 'i-0abc' } },
};

beforeAll(async () => {
  // Quiet: the logger and metrics read these when the module is loaded.
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Test');
  runtime = await import('../../../shared/aws/probe/lambda-runtime');
});

describe('probe Lambda runtime', () => {
  it('puts the audit id, AMI and instance id on every log line of the invocation', async () => {
    const appendKeys = vi.spyOn(runtime.logger, 'appendKeys');
    const handler = runtime.probeTaskHandler(async (input: typeof state) => input);
    await handler(state, context);
    expect(appendKeys).toHaveBeenCalledWith({
      auditId: 'audit-9',
      amiId: 'ami-0123456789abcdef0',
      instanceId: 'i-0abc',
      execution: 'ami-0123456789abcdef0-c1',
    });
  });

  it('emits the metrics the task output implies', async () => {
    const addMetric = vi.spyOn(runtime.metrics, 'addMetric');
    const handler = runtime.probeTaskHandler(
      async (input: typeof state) => input,
      () => [{ name: 'ProbeLaunched', unit: 'Count', value: 1 }],
    );
    await handler(state, context);
    expect(addMetric).toHaveBeenCalledWith('ProbeLaunched', 'Count', 1);
  });

  it('rethrows a task error with its name intact, so the state machine can match it', async () => {
    const handler = runtime.probeTaskHandler(async () => {
      throw new InvalidInputError('Invalid probe request: amiId');
    });
    await expect(handler(state, context)).rejects.toMatchObject({ name: 'InvalidInputError' });
  });

  it('reads log keys from the Start task input too', () => {
    expect(
      runtime.logKeysOf({ request: { auditId: 'a', amiId: 'ami-1' }, executionName: 'e' }),
    ).toEqual({
      auditId: 'a',
      amiId: 'ami-1',
      execution: 'e',
    });
  });
});
