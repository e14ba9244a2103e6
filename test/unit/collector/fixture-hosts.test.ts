/**
 * Runs the real collector against every fixture host, under dash and under bash,
 * and checks what a rule would read from the parsed facts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import { type HostFacts, hostFactsSchema } from '../../../shared/core/host-facts';
import { fixtureHostNames, readHostJson, runFixtureHost, SHELLS } from '../../support/fixture-host';
import { collectFacts, knownValue, normalizeRun } from './helpers';

/** SSM Run Command returns at most this many characters of a command's output inline. */
const SSM_INLINE_OUTPUT_LIMIT = 24_000;

const ECS_SERVICE = '/usr/lib/systemd/system/ecs.service';

function checkpointAge(facts: HostFacts): number[] {
  const boot = knownValue(facts.bootTime);
  return knownValue(facts.ecs.checkpointFiles).map(
    (file) => (file.modifiedAt ?? Number.NaN) - boot,
  );
}

/** What each fixture must parse to: the facts the rules decide on. */
const EXPECTATIONS: Record<string, (facts: HostFacts) => void> = {
  'al2-ecs-optimized': (facts) => {
    expect(facts.kernel.release).toMatchObject({
      value: '4.14.355-277.647.amzn2.x86_64',
      from: { source: 'cmd:uname -r', exitStatus: 0 },
    });
    expect(facts.ecs.etcConfig.from).toEqual({ source: 'file:/etc/ecs/ecs.config', exitStatus: 0 });
    expect(facts.ecs.varLibConfig.from).toEqual({
      source: 'file:/var/lib/ecs/ecs.config',
      exitStatus: 1,
    });
    expect(facts.docker.serverVersion.from).toMatchObject({
      source: 'cmd:docker version --format {{json .}}',
      exitStatus: 0,
    });
    expect([knownValue(facts.os.id), knownValue(facts.os.versionId)]).toEqual(['amzn', '2']);
    expect(knownValue(facts.os.systemRelease)).toBe('Amazon Linux release 2 (Karoo)');
    expect(knownValue(facts.init.system)).toBe('systemd');
    expect(knownValue(facts.ecs.ecsInitPackage)).toEqual({
      name: 'ecs-init',
      version: '1.106.1-1.amzn2',
      manager: 'rpm',
    });
    expect(knownValue(facts.ecs.ecsInitBinary)).toBe(true);
    const [service, ...others] = knownValue(facts.ecs.services);
    expect(others).toEqual([]);
    expect(service).toMatchObject({
      name: 'ecs.service',
      path: ECS_SERVICE,
      manager: 'systemd',
      exec: ['/usr/libexec/amazon-ecs-init start'],
      environmentFiles: ['-/etc/ecs/ecs.config'],
    });
    expect(service && knownValue(service.enabledAtBoot)).toBe(true);
    expect(service && knownValue(service.restarts)).toBe(true);
    // The official AMI ships /etc/ecs/ecs.config empty: present, with no entries (not null).
    expect(knownValue(facts.ecs.etcConfig)).toEqual({ path: '/etc/ecs/ecs.config', entries: [] });
    expect(knownValue(facts.ecs.varLibConfig)).toBeNull();
    expect(knownValue(facts.ecs.jsonConfig)).toBeNull();
    expect(knownValue(facts.ecs.cachedAgentImages)).toContain('ecs-agent-v1.106.1.tar');
    expect(knownValue(facts.ecs.introspection)?.version).toBe(
      'Amazon ECS Agent - v1.106.1 (a4fb1e8c)',
    );
    expect(knownValue(facts.ecs.checkpointFiles)).toEqual([]);
    expect(knownValue(facts.docker.serverVersion)).toBe('25.0.16');
    expect(knownValue(facts.containerd.version)).toBe('2.1.9');
    expect(knownValue(facts.runc.version)).toBe('1.3.5');
    // docker.service is disabled on the ECS AMIs; ecs.service (enabled) has Wants=docker.service.
    expect(facts.docker.enabledAtBoot).toMatchObject({
      known: true,
      value: true,
      from: { source: `file:${ECS_SERVICE}` },
    });
    expect(knownValue(facts.virtualization.hypervisorType)).toBeNull();
    expect(knownValue(facts.virtualization.dmiVendor)).toBe('Amazon EC2');
    expect(knownValue(facts.virtualization.uefi)).toBe(false);
    expect(knownValue(facts.gpu.nvidiaPciDevices)).toBe(0);
    expect(knownValue(facts.gpu.driverVersion)).toBeNull();
    expect(knownValue(facts.ssmAgent.version)).toBe('3.3.4624.0');
    expect(knownValue(facts.ssmAgent.running)).toBe(true);
  },
  'al2023-ecs-optimized': (facts) => {
    expect(knownValue(facts.kernel.release)).toBe('6.1.147-172.266.amzn2023.x86_64');
    expect([knownValue(facts.os.id), knownValue(facts.os.versionId)]).toEqual(['amzn', '2023']);
    expect(knownValue(facts.os.idLike)).toEqual(['fedora']);
    expect(knownValue(facts.ecs.ecsInitPackage)?.version).toBe('1.106.1-1.amzn2023');
    expect(knownValue(facts.ecs.etcConfig)?.entries).toEqual([]);
    expect(knownValue(facts.virtualization.uefi)).toBe(true);
    expect(knownValue(facts.bootTime)).toBe(1795000000);
    // the running agent's own checkpoint, written 47 s after boot
    expect(checkpointAge(facts)).toEqual([47]);
    expect(knownValue(facts.docker.cgroupVersion)).toBe('2');
    expect(knownValue(facts.containerd.version)).toBe('2.2.5');
    expect(knownValue(facts.docker.runtimes)).toEqual(['io.containerd.runc.v2', 'runc']);
  },
  'al2023-ecs-gpu': (facts) => {
    expect(knownValue(facts.ecs.varLibConfig)?.entries).toEqual([
      { key: 'ECS_ENABLE_GPU_SUPPORT', value: 'true' },
    ]);
    expect(knownValue(facts.ecs.etcConfig)?.entries).toEqual([]);
    expect(knownValue(facts.docker.runtimesDir)).toEqual(['nvidia']);
    expect(knownValue(facts.docker.runtimes)).toContain('nvidia');
    expect(knownValue(facts.docker.defaultRuntime)).toBe('runc');
    expect(knownValue(facts.gpu.nvidiaPciDevices)).toBe(1);
    expect(knownValue(facts.gpu.driverLoaded)).toBe(true);
    expect(knownValue(facts.gpu.driverInstalled)).toBe(true);
    expect(knownValue(facts.gpu.driverVersion)).toBe('580.159.03');
    expect(knownValue(facts.gpu.devices)).toEqual([
      {
        index: 0,
        name: 'NVIDIA A10G',
        uuid: 'GPU-3f2a8c1e-9b4d-5e6f-a7b8-c9d0e1f2a3b4',
        driverVersion: '580.159.03',
        memoryMiB: 23028,
        busId: '00000000:00:1E.0',
      },
    ]);
    expect(knownValue(facts.gpu.containerRuntimeInstalled)).toBe(true);
    expect(knownValue(facts.gpu.containerToolkitVersion)).toBe('1.18.1');
    expect(knownValue(facts.ecs.gpuInfo)).toEqual({
      driverVersion: '580.159.03',
      gpuIds: ['GPU-3f2a8c1e-9b4d-5e6f-a7b8-c9d0e1f2a3b4'],
    });
    expect(knownValue(facts.storage.instanceStoreDevices)).toEqual(['/dev/nvme1n1']);
  },
  'al1-upstart': (facts) => {
    expect(knownValue(facts.os.versionId)).toBe('2018.03');
    expect(knownValue(facts.init.pid1)).toBe('init');
    expect(facts.init.system).toMatchObject({
      value: 'upstart',
      from: { source: 'cmd:initctl version' },
    });
    const [job] = knownValue(facts.ecs.services);
    expect(job).toMatchObject({
      name: 'ecs',
      path: '/etc/init/ecs.conf',
      manager: 'upstart',
      exec: ['exec /usr/libexec/amazon-ecs-init start'],
      environmentFiles: [],
    });
    expect(job?.enabledAtBoot).toMatchObject({
      value: true,
      from: { excerpt: 'start on stopped rc RUNLEVEL=[345]' },
    });
    expect(job?.active).toMatchObject({ value: true, from: { source: 'cmd:initctl status ecs' } });
    expect(job && knownValue(job.restarts)).toBe(false);
    expect(facts.docker.enabledAtBoot).toMatchObject({
      value: true,
      from: { source: 'dir:/etc/rc3.d' },
    });
    expect(knownValue(facts.docker.serverVersion)).toBe('19.03.13-ce');
    // containerd and runc are bundled with Docker here: only docker version knows them
    expect(facts.containerd.version).toMatchObject({
      value: '1.4.1',
      from: { source: 'cmd:docker version --format {{json .}}' },
    });
    expect(knownValue(facts.runc.version)).toBe('1.0.0-rc92');
    expect(knownValue(facts.virtualization.hypervisorType)).toBe('xen');
    expect(knownValue(facts.virtualization.dmiVendor)).toBe('Xen');
    // the Cirrus VGA of Xen HVM is a display controller, but not an NVIDIA one
    expect(knownValue(facts.gpu.nvidiaPciDevices)).toBe(0);
    expect(knownValue(facts.ssmAgent.running)).toBe(true);
  },
  'ubuntu-amazon-ecs-init': (facts) => {
    expect([knownValue(facts.os.id), knownValue(facts.os.versionId)]).toEqual(['ubuntu', '22.04']);
    expect(knownValue(facts.os.systemRelease)).toBeNull();
    expect(knownValue(facts.ecs.ecsInitPackage)).toEqual({
      name: 'amazon-ecs-init',
      version: '1.106.1-1',
      manager: 'dpkg',
    });
    const [service, ...others] = knownValue(facts.ecs.services);
    expect(others).toEqual([]);
    // /lib is a link to usr/lib: the unit is reported once, where it really is
    expect(service?.path).toBe(ECS_SERVICE);
    expect(service?.environmentFiles).toEqual(['-/var/lib/ecs/ecs.config', '-/etc/ecs/ecs.config']);
    expect(facts.docker.enabledAtBoot).toMatchObject({
      value: true,
      from: { source: 'cmd:systemctl show' },
    });
    expect(knownValue(facts.docker.clientVersion)).toBe('24.0.7');
    expect(facts.ssmAgent.version).toMatchObject({
      value: '3.3.1142.0',
      from: { source: 'cmd:snap list amazon-ssm-agent' },
    });
    expect(knownValue(facts.ssmAgent.running)).toBe(true);
  },
  'systemd-unit-no-ecs-init-awslogs': (facts) => {
    expect(knownValue(facts.ecs.ecsInitPackage)).toBeNull();
    expect(knownValue(facts.ecs.ecsInitBinary)).toBe(false);
    const [service] = knownValue(facts.ecs.services);
    expect(service?.name).toBe('ecs-agent.service');
    expect(service?.exec).toEqual([
      '/usr/bin/docker run --name ecs-agent --init --volume=/var/run/docker.sock:/var/run/docker.sock --volume=/var/log/ecs:/log --volume=/var/lib/ecs/data:/data --net=host --env-file=/etc/ecs/ecs.config --env=ECS_LOGFILE=/log/ecs-agent.log --env=ECS_DATADIR=/data amazon/amazon-ecs-agent:latest',
    ]);
    expect(service?.restarts).toMatchObject({ value: true, from: { excerpt: 'Restart=always' } });
    expect(service && knownValue(service.enabledAtBoot)).toBe(true);
    expect(knownValue(facts.ecs.etcConfig)?.entries).toContainEqual({
      key: 'ECS_AVAILABLE_LOGGING_DRIVERS',
      value: '["json-file","awslogs"]',
    });
    expect(knownValue(facts.ecs.agentContainers)).toEqual([
      {
        name: 'ecs-agent',
        image: 'amazon/amazon-ecs-agent:latest',
        running: true,
        restartPolicy: 'no',
      },
    ]);
  },
  'systemd-unit-no-ecs-init': (facts) => {
    expect(knownValue(facts.ecs.etcConfig)?.entries.map((entry) => entry.key)).toEqual([
      'ECS_LOGLEVEL',
    ]);
    const [service] = knownValue(facts.ecs.services);
    // systemd does not answer here: enablement from the wants link, liveness from docker ps
    expect(service?.enabledAtBoot).toMatchObject({
      value: true,
      from: { source: 'file:/etc/systemd/system/multi-user.target.wants/ecs-agent.service' },
    });
    expect(service?.active).toMatchObject({ value: true, from: { source: 'cmd:docker ps -a' } });
    expect(facts.docker.enabledAtBoot).toMatchObject({
      value: true,
      from: { source: 'file:/etc/systemd/system/multi-user.target.wants/docker.service' },
    });
  },
  'docker-1.8': (facts) => {
    // --format is refused: versions come from plain `docker version`
    expect(facts.docker.clientVersion).toMatchObject({
      value: '1.8.3',
      from: { source: 'cmd:docker version' },
    });
    expect(knownValue(facts.docker.serverVersion)).toBe('1.8.3');
    expect(knownValue(facts.docker.apiVersion)).toBe('1.20');
    expect(facts.docker.storageDriver).toMatchObject({
      value: 'devicemapper',
      from: { source: 'cmd:docker info' },
    });
    expect(knownValue(facts.docker.daemonInstalled)).toBe(true);
    expect(knownValue(facts.docker.daemonRunning)).toBe(true);
    expect(knownValue(facts.ecs.etcConfig)?.entries).toContainEqual({
      key: 'ECS_AVAILABLE_LOGGING_DRIVERS',
      value: '["json-file","syslog","awslogs"]',
    });
  },
  'kernel-3.2': (facts) => {
    expect(knownValue(facts.kernel.release)).toBe('3.2.0-126-virtual');
    expect([knownValue(facts.os.id), knownValue(facts.os.versionId)]).toEqual(['ubuntu', '12.04']);
    expect(knownValue(facts.init.system)).toBe('upstart');
    expect(knownValue(facts.ecs.ecsInitPackage)?.manager).toBe('dpkg');
    expect(knownValue(facts.ecs.services).map((s) => s.manager)).toEqual(['upstart']);
    expect(knownValue(facts.docker.serverVersion)).toBe('1.9.1');
    expect(knownValue(facts.docker.storageDriver)).toBe('aufs');
  },
  'no-ecs-agent': (facts) => {
    expect(knownValue(facts.ecs.ecsInitPackage)).toBeNull();
    expect(knownValue(facts.ecs.ecsInitBinary)).toBe(false);
    expect(knownValue(facts.ecs.services)).toEqual([]);
    expect(knownValue(facts.ecs.agentContainers)).toEqual([]);
    expect(knownValue(facts.ecs.introspection)).toBeNull();
    expect(knownValue(facts.ecs.cachedAgentImages)).toEqual([]);
    expect(knownValue(facts.ecs.etcConfig)).toBeNull();
    expect(knownValue(facts.docker.daemonRunning)).toBe(true);
    expect(knownValue(facts.docker.enabledAtBoot)).toBe(true);
  },
  'gpu-no-nvidia-runtime': (facts) => {
    expect(knownValue(facts.ecs.etcConfig)?.entries).toEqual([
      { key: 'ECS_ENABLE_GPU_SUPPORT', value: 'true' },
    ]);
    expect(knownValue(facts.gpu.driverLoaded)).toBe(true);
    expect(knownValue(facts.docker.runtimes)).not.toContain('nvidia');
    expect(knownValue(facts.docker.runtimesDir)).toEqual([]);
    expect(knownValue(facts.docker.daemonJson)).toEqual({
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '100m' },
    });
    // the toolkit is installed, just not registered with Docker
    expect(knownValue(facts.gpu.containerToolkitVersion)).toBe('1.18.1');
  },
  'real-gpu-host': (facts) => {
    expect(knownValue(facts.gpu.driverVersion)).toBe('580.159.04');
    expect(knownValue(facts.docker.clientVersion)).toBeNull();
  },
  'al2-baked-checkpoint': (facts) => {
    const [checkpoint] = knownValue(facts.ecs.checkpointFiles);
    expect(checkpoint?.path).toBe('/var/lib/ecs/data/agent.db');
    // written three days before this boot: baked into the image
    expect(checkpointAge(facts)).toEqual([-3 * 86400]);
    expect(knownValue(facts.ecs.introspection)).toBeNull();
    expect(knownValue(facts.ecs.agentContainers).map((c) => c.running)).toEqual([false]);
  },
  'secrets-everywhere': (facts) => {
    const [service] = knownValue(facts.ecs.services);
    expect(service?.environment).toEqual([
      { key: 'HTTPS_PROXY', value: 'http://<redacted>@proxy.internal:3128' },
      { key: 'NO_PROXY', value: '169.254.169.254,169.254.170.2' },
      { key: 'REGISTRY_TOKEN', value: '<redacted>' },
      { key: 'ECS_LOGLEVEL', value: 'debug' },
      { key: 'ECS_ENGINE_AUTH_DATA', value: '<redacted>' },
    ]);
    expect(knownValue(facts.ecs.etcConfig)?.entries).toContainEqual({
      key: 'ECS_CLUSTER',
      value: 'batch-probe',
    });
  },
};

describe.each(fixtureHostNames())('fixture host %s', (name) => {
  const runs = new Map<string, string>();
  let facts: HostFacts;

  beforeAll(async () => {
    for (const shell of SHELLS) runs.set(shell, await runFixtureHost(name, { shell }));
    facts = parseCollectorOutput(runs.get(SHELLS[0]) ?? '');
  });

  it('has a host.json with a description and an expected verdict', () => {
    const meta = readHostJson(name);
    expect(meta.expected.verdict === 'PASS').toBe(meta.expected.failedRules.length === 0);
  });

  it('prints the same output under dash and bash', () => {
    const [dash, bash] = SHELLS.map((shell) => normalizeRun(runs.get(shell) ?? ''));
    expect(bash).toBe(dash);
  });

  it('answers every command the collector runs (its stubs are complete)', () => {
    expect(runs.get(SHELLS[0])).not.toContain('replay: no canned output');
  });

  it('produces complete facts that validate against the host facts schema', () => {
    expect(() => hostFactsSchema.parse(facts)).not.toThrow();
    expect(facts.collector.incomplete).toBe(false);
    expect(facts.collector.truncatedSections).toEqual([]);
  });

  it(`stays within SSM's ${SSM_INLINE_OUTPUT_LIMIT}-character inline output limit`, () => {
    expect(runs.get(SHELLS[0])?.length).toBeLessThanOrEqual(SSM_INLINE_OUTPUT_LIMIT);
  });

  it('cites where every known fact came from: a file, a command or a directory', () => {
    const uncited = collectFacts(facts).filter(
      ({ fact }) => fact.known && !/^(file|cmd|dir):\S/.test(fact.from.source),
    );
    expect(uncited).toEqual([]);
  });

  it('parses to the facts the fixture describes', () => {
    const expectations = EXPECTATIONS[name];
    if (!expectations) throw new Error(`add the expected facts of fixture ${name} to EXPECTATIONS`);
    expectations(facts);
  });
});
