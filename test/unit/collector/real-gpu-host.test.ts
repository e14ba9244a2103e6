/**
 * The real-gpu-host fixture replays a real machine's captured output byte for
 * byte (test/fixtures/hosts/real-gpu-host/capture.txt): the parsers must read
 * real nvidia-smi, /proc/driver/nvidia/version and /proc/modules output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import type { HostFacts } from '../../../shared/core/host-facts';
import { FIXTURE_HOSTS_DIR, runFixtureHost } from '../../support/fixture-host';
import { knownValue, reasonOf } from './helpers';

const HOST = join(FIXTURE_HOSTS_DIR, 'real-gpu-host');

describe('the real GPU host capture', () => {
  let raw: string;
  let facts: HostFacts;

  beforeAll(async () => {
    raw = await runFixtureHost('real-gpu-host');
    facts = parseCollectorOutput(raw);
  });

  it('replays the captured outputs byte for byte', () => {
    const capture = readFileSync(join(HOST, 'capture.txt'), 'utf8');
    const root = (path: string) => readFileSync(join(HOST, 'root', path), 'utf8');
    const smiLine =
      '0, NVIDIA H200, GPU-57b1459f-ca3e-f639-da58-2631f17f4505, 580.159.04, 143771 MiB, 00000000:00:06.0, 9.0';
    expect(capture).toContain(smiLine);
    expect(raw).toContain(`|${smiLine}`);
    for (const file of ['proc/driver/nvidia/version', 'proc/modules', 'etc/os-release']) {
      for (const line of root(file).split('\n').slice(0, -1))
        expect(capture).toContain(`${line}\n`);
    }
  });

  it('reads driver 580.159.04 from the open kernel module and from nvidia-smi', () => {
    expect(facts.gpu.driverVersion).toMatchObject({
      value: '580.159.04',
      from: { source: 'file:/proc/driver/nvidia/version' },
    });
    expect(knownValue(facts.gpu.driverLoaded)).toBe(true);
    expect(knownValue(facts.gpu.driverInstalled)).toBe(true);
  });

  it('sees one NVIDIA H200 with its UUID', () => {
    expect(knownValue(facts.gpu.devices)).toEqual([
      {
        index: 0,
        name: 'NVIDIA H200',
        uuid: 'GPU-57b1459f-ca3e-f639-da58-2631f17f4505',
        driverVersion: '580.159.04',
        memoryMiB: 143771,
        busId: '00000000:00:06.0',
      },
    ]);
    expect(knownValue(facts.gpu.nvidiaPciDevices)).toBe(1);
  });

  it('reads Ubuntu 24.04 and kernel 6.18', () => {
    expect([knownValue(facts.os.id), knownValue(facts.os.versionId)]).toEqual(['ubuntu', '24.04']);
    expect(knownValue(facts.os.prettyName)).toBe('Ubuntu 24.04.3 LTS');
    expect(knownValue(facts.os.idLike)).toEqual(['debian']);
    expect(knownValue(facts.os.systemRelease)).toBeNull();
    expect(knownValue(facts.kernel.release)).toBe('6.18.44-fc-v657-gpu');
  });

  it('reports Docker as absent (null), not unknown', () => {
    expect(knownValue(facts.docker.clientVersion)).toBeNull();
    expect(knownValue(facts.docker.serverVersion)).toBeNull();
    expect(knownValue(facts.docker.daemonInstalled)).toBe(false);
    expect(knownValue(facts.docker.daemonRunning)).toBe(false);
    expect(knownValue(facts.docker.runtimes)).toEqual([]);
    expect(knownValue(facts.containerd.version)).toBeNull();
  });

  it('finds no ECS agent, no container toolkit and no GPU support setting', () => {
    expect(knownValue(facts.ecs.ecsInitPackage)).toBeNull();
    expect(knownValue(facts.ecs.services)).toEqual([]);
    expect(knownValue(facts.ecs.agentContainers)).toEqual([]);
    expect(knownValue(facts.ecs.introspection)).toBeNull();
    expect(knownValue(facts.ecs.etcConfig)).toBeNull();
    expect(knownValue(facts.ecs.varLibConfig)).toBeNull();
    expect(knownValue(facts.gpu.containerRuntimeInstalled)).toBe(false);
    expect(knownValue(facts.gpu.containerToolkitVersion)).toBeNull();
  });

  it('leaves what the capture did not record unknown, with the reason', () => {
    // /proc/1/comm and /proc/stat were not captured (they described the capture environment)
    expect(reasonOf(facts.init.pid1)).toMatch(/\/proc\/1\/comm does not exist/);
    expect(reasonOf(facts.bootTime)).toMatch(/\/proc\/stat/);
  });
});
