import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PortContext } from '../../../shared/aws/probe/port-context';
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

  it('builds only the ports a function names, once, with the probe configuration', () => {
    // GIVEN the probe environment serverless.yml sets, and a factory for one port
    vi.stubEnv('PROBE_OWNER', 'batch-ami-auditor-dev');
    vi.stubEnv('PROBE_CLUSTER', 'batch-ami-auditor-dev-probe');
    vi.stubEnv(
      'PROBE_INSTANCE_PROFILE_ARN',
      'arn:aws:iam::123456789012:instance-profile/batch-ami-auditor-dev-probe',
    );
    vi.stubEnv('PROBE_FACTS_TABLE', 'batch-ami-auditor-dev-probe-facts');
    const ecs = {
      findContainerInstance: vi.fn(),
      deregister: vi.fn(),
      listContainerInstances: vi.fn(),
    };
    const ecsPort = vi.fn((_context: PortContext) => ecs);

    // WHEN a function's deps are used twice
    const deps = runtime.probeDepsOnFirstUse({ ecs: ecsPort });
    const first = deps();
    const second = deps();

    // THEN the factory ran once, with the configuration and the facts table, and nothing else was built
    expect(second).toBe(first);
    expect(ecsPort).toHaveBeenCalledTimes(1);
    expect(ecsPort.mock.calls[0]?.[0]).toMatchObject({
      config: { owner: 'batch-ami-auditor-dev', cluster: 'batch-ami-auditor-dev-probe' },
      factsTable: 'batch-ami-auditor-dev-probe-facts',
    });
    expect(Object.keys(first).sort()).toEqual(['collector', 'config', 'ecs', 'log', 'now']);
    expect(first.ecs).toBe(ecs);
    vi.unstubAllEnvs();
  });
});
