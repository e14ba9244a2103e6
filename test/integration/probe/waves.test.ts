/**
 * A sweep that needs many probes starts them in waves (shared/probe/waves.ts): each probe's
 * request says how long it waits for its turn, the state machine waits that long in
 * WaitForTurn before it looks at the cache and launches, and every probe still ends with one
 * verdict and no instance left running.
 */
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeRequest } from '../../../shared/probe/request';
import { FaultWorld } from '../../support/fault-world';

let world: FaultWorld;

beforeAll(async () => {
  world = await FaultWorld.create();
});
afterAll(async () => {
  await world?.stop();
});

/** The start delay of each running probe execution, by AMI. */
async function startDelays(): Promise<Map<string, number | undefined>> {
  const { executions = [] } = await world.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: world.stateMachineArn, statusFilter: 'RUNNING' }),
  );
  const delays = new Map<string, number | undefined>();
  for (const { executionArn } of executions) {
    const { input = '{}' } = await world.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const request = parseProbeRequest(JSON.parse(input));
    delays.set(request.amiId, request.startDelaySeconds);
  }
  return delays;
}

describe('a sweep that needs five probes, in waves of two every 300 s', () => {
  it('starts two at once, then two after 300 s, then one after 600 s; each ends once', async () => {
    world.probeWaves = { size: 2, seconds: 300 };
    const ces = [];
    for (let i = 0; i < 5; i += 1) ces.push(await world.computeEnvironment());

    const sweep = await world.sweep('sweep-waves');
    const delays = await startDelays();
    const runs = await world.runProbes();
    const seen = await world.settle();

    expect(sweep.result).toMatchObject({ computeEnvironments: 5 });
    expect([...delays.values()].sort()).toEqual([300, 300, 600, undefined, undefined].sort());
    // The delayed ones waited in WaitForTurn; the first wave went straight to Start.
    for (const run of runs) {
      const amiId = run.output?.amiId ?? '';
      const waited = run.events.some((e) => e.state?.name === 'WaitForTurn');
      expect(waited, amiId).toBe(delays.get(amiId) !== undefined);
    }
    expect(seen.executions).toHaveLength(5);
    for (const ce of ces) {
      expect(seen.verdicts.filter((v) => v.computeEnvironment === ce.name)).toHaveLength(1);
    }
    expect(seen.leftRunning).toEqual([]);
  });
});
