/**
 * The workstation probe (`batch-ami-audit ami`): the same tasks driven
 * in-process, with progress, --keep-on-failure and interruption.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ProbeProgress, probeAmiFromWorkstation } from '../../../shared/probe/workstation';
import { HEALTHY, ProbeWorld } from '../../support/probe-world';

let world: ProbeWorld;

beforeAll(async () => {
  world = await ProbeWorld.create();
});
afterAll(async () => {
  await world?.stop();
});
afterEach(() => {
  world.scenario = HEALTHY;
});

/** Waits in simulated time, as the CLI would in real time. */
const sleep = async (seconds: number, signal?: AbortSignal) => {
  if (signal?.aborted) throw new Error('Interrupted');
  world.clock.advance(seconds);
};

describe('probeAmiFromWorkstation', () => {
  it('probes, reports progress, terminates, and returns one report without publishing', async () => {
    const progress: ProbeProgress[] = [];
    const ami = await world.freshAmi();
    const result = await probeAmiFromWorkstation(
      // No compute environment: the subnet comes from the configuration (`--subnet`), and the
      // instance types the image is judged for from the command line (`--instance-type`).
      world.request(ami, {
        targets: [],
        context: {
          name: ami,
          managed: true,
          resourceType: 'EC2',
          orchestration: 'ECS',
          instanceTypes: ['t2.micro'],
          gpu: false,
        },
      }),
      world.deps({ subnetId: world.subnetId }),
      { sleep, onProgress: (p) => progress.push(p) },
    );

    expect(result.reports.map((r) => [r.target.label, r.verdict])).toEqual([[ami, 'PASS']]);
    expect(progress.map((p) => p.step)).toEqual(
      expect.arrayContaining(['launch', 'online', 'collect', 'join', 'terminate', 'score']),
    );
    expect(progress.find((p) => p.step === 'terminate')?.message).toMatch(/^Terminated i-/);
    expect(await world.liveProbeInstances()).toEqual([]);
    expect(await world.notifier.drain()).toEqual([]);
  });

  it('--keep-on-failure keeps a probe that never came online, and says until when', async () => {
    world.scenario = {
      ...HEALTHY,
      bootSeconds: Number.POSITIVE_INFINITY,
      agent: { ...HEALTHY.agent, joins: false },
    };
    const result = await probeAmiFromWorkstation(
      world.request(await world.freshAmi()),
      world.deps(),
      {
        sleep,
        keepOnFailure: true,
      },
    );

    expect(result.reports[0]?.verdict).toBe('INCONCLUSIVE');
    expect(result.kept?.instanceId).toMatch(/^i-/);
    expect(await world.liveProbeInstances()).toEqual([result.kept?.instanceId]);
    await world.deps().ec2.terminate([result.kept?.instanceId ?? '']);
  });

  it('an interrupt while waiting still terminates the probe', async () => {
    const controller = new AbortController();
    const interrupting = async (seconds: number, signal?: AbortSignal) => {
      controller.abort(new Error('Interrupted by SIGINT'));
      return sleep(seconds, signal);
    };
    const result = await probeAmiFromWorkstation(
      world.request(await world.freshAmi()),
      world.deps(),
      {
        sleep: interrupting,
        signal: controller.signal,
      },
    );

    expect(result.reports[0]?.verdict).toBe('INCONCLUSIVE');
    expect(result.reports[0]?.verdictReason).toMatch(/Interrupted/);
    expect(result.state.termination?.instanceIds).toHaveLength(1);
    expect(await world.liveProbeInstances()).toEqual([]);
  });
});
