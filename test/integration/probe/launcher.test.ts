/**
 * The ProbeLauncher the change and sweep handlers call, against moto's Step
 * Functions (executions stay RUNNING there until stopped): one execution per
 * AMI and collector version, duplicates answered "already-running".
 */
import { CreateStateMachineCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsProbeLauncher } from '../../../shared/aws/probe/launcher';
import { loadProbeDefinition, runProbeExecution } from '../../support/local-probe-execution';
import { motoClientConfig } from '../../support/moto';
import { ProbeWorld } from '../../support/probe-world';

let world: ProbeWorld;
let sfn: SFNClient;
let launcher: StepFunctionsProbeLauncher;

beforeAll(async () => {
  world = await ProbeWorld.create();
  sfn = new SFNClient(motoClientConfig(world.moto));
  const { stateMachineArn = '' } = await sfn.send(
    new CreateStateMachineCommand({
      name: 'auditor-test-probe',
      roleArn: 'arn:aws:iam::123456789012:role/auditor-test-probe-states',
      definition: JSON.stringify(loadProbeDefinition()),
    }),
  );
  launcher = new StepFunctionsProbeLauncher(sfn, stateMachineArn, '1');
});
afterAll(async () => {
  await world?.stop();
});

describe('StepFunctionsProbeLauncher', () => {
  it('names the execution after the AMI and collector version', async () => {
    const result = await launcher.start(world.request('ami-0aaaaaaaaaaaaaaa1'));
    expect(result).toEqual({
      status: 'started',
      executionArn:
        'arn:aws:states:us-east-1:123456789012:execution:auditor-test-probe:ami-0aaaaaaaaaaaaaaa1-c1',
    });
  });

  it('answers already-running for a replayed or duplicate event of the same AMI', async () => {
    const first = await launcher.start(world.request('ami-0aaaaaaaaaaaaaaa2'));
    const replay = await launcher.start(world.request('ami-0aaaaaaaaaaaaaaa2'));
    expect(first.status).toBe('started');
    expect(replay).toEqual({
      status: 'already-running',
      executionArn: first.status === 'started' ? first.executionArn : '',
    });
  });

  it('starts the next generation once the earlier probe has finished', async () => {
    const first = await launcher.start(world.request('ami-0aaaaaaaaaaaaaaa3'));
    if (first.status !== 'started') throw new Error('expected a start');
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    const next = await launcher.start(world.request('ami-0aaaaaaaaaaaaaaa3'));
    expect(next).toMatchObject({
      status: 'started',
      executionArn: expect.stringMatching(/:ami-0aaaaaaaaaaaaaaa3-c1-g2$/),
    });
  });

  it('started twice end to end: one probe instance, one verdict, nothing left running', async () => {
    const ami = await world.freshAmi();
    const runs = [];
    for (const auditId of ['audit-event', 'audit-replayed-event']) {
      const request = world.request(ami, { auditId });
      const started = await launcher.start(request);
      // Step Functions would run what was started; here the definition runs locally.
      if (started.status === 'started') {
        runs.push(
          await runProbeExecution(world, request, {
            executionName: started.executionArn.split(':').at(-1),
          }),
        );
      }
    }
    expect(runs).toHaveLength(1);
    expect(world.callsOf('RunInstances')).toHaveLength(1);
    expect(await world.liveProbeInstances()).toEqual([]);
    const delivered = await world.notifier.drain();
    expect(delivered.map((m) => [m.auditId, m.verdict])).toEqual([['audit-event', 'PASS']]);
  });
});
