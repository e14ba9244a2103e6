/**
 * Builds complete, schema-valid HostFacts for tests: an official ECS-optimized
 * Amazon Linux 2023 host as the ECS AMI release 20260820 makes it (reference §5),
 * other presets derived from it, and deep overrides on top.
 *
 * Overrides merge objects key by key, replace arrays, and replace facts whole
 * (anything with a `known` key), so `{ docker: { serverVersion: unknownFact('…') } }`
 * swaps one fact and leaves the rest of the preset alone.
 *
 * @example
 *   hostFacts('al2023', { ecs: { etcConfig: envFile('/etc/ecs/ecs.config', { ECS_CLUSTER: 'x' }) } })
 */
import { type Fact, known, unknown } from '../../shared/core/fact';
import type { EnvFile, HostFacts, ServiceDefinition } from '../../shared/core/host-facts';
import type { AuditSubject, ComputeEnvironmentContext } from '../../shared/core/subject';

/** A known fact, with a source worth citing. */
export function fact<T>(value: T, source = 'test'): Fact<T> {
  return known(value, { source });
}

/** An unknown fact, with the reason a person reads. */
export function unknownFact(reason = 'the collector did not answer', source?: string): Fact<never> {
  return unknown(reason, source ? { source } : undefined);
}

/** A known env file (`/etc/ecs/ecs.config` and friends) with entries in file order. */
export function envFile(
  path: string,
  entries: Readonly<Record<string, string>> | readonly (readonly [string, string])[] = {},
): Fact<EnvFile> {
  const list = Array.isArray(entries) ? entries : Object.entries(entries);
  return fact({ path, entries: list.map(([key, value]) => ({ key, value })) }, `file:${path}`);
}

/** An env file known not to exist. */
export function absentFile(path: string): Fact<null> {
  return known(null, { source: `file:${path}`, exitStatus: 1 });
}

/** An agent unit with the defaults of a systemd unit that is enabled, active and restarts. */
export function service(
  overrides: Partial<ServiceDefinition> & Pick<ServiceDefinition, 'name' | 'path'>,
): ServiceDefinition {
  return {
    manager: 'systemd',
    exec: [],
    environmentFiles: [],
    environment: [],
    enabledAtBoot: fact(true, `cmd:systemctl is-enabled ${overrides.name}`),
    active: fact(true, `cmd:systemctl is-active ${overrides.name}`),
    restarts: fact(true, `file:${overrides.path}`),
    ...overrides,
  };
}

/** Booted 2026-08-25T10:00:00Z; the agent wrote its state 40 s later. */
export const BOOT_TIME = 1_787_652_000;

/** ecs.service as the ecs-init rpm ships it on AL2/AL2023 (reference §3.2). */
export const ECS_SERVICE: ServiceDefinition = service({
  name: 'ecs.service',
  path: '/usr/lib/systemd/system/ecs.service',
  exec: ['/usr/libexec/amazon-ecs-init start'],
  environmentFiles: ['-/etc/ecs/ecs.config'],
});

function al2023(): HostFacts {
  return {
    schemaVersion: 1,
    collector: {
      version: '1.0.0',
      root: '/',
      collectedAt: '2026-08-25T10:05:00Z',
      truncatedSections: [],
      incomplete: false,
    },
    kernel: {
      release: fact('6.1.147-172.266.amzn2023.x86_64', 'cmd:uname -r'),
      machine: fact('x86_64', 'cmd:uname -m'),
    },
    os: {
      id: fact('amzn', 'file:/etc/os-release'),
      versionId: fact('2023', 'file:/etc/os-release'),
      prettyName: fact('Amazon Linux 2023.12.20260817', 'file:/etc/os-release'),
      idLike: fact(['fedora'], 'file:/etc/os-release'),
      systemRelease: fact(
        'Amazon Linux release 2023.12.20260817 (Amazon Linux)',
        'file:/etc/system-release',
      ),
    },
    bootTime: fact(BOOT_TIME, 'file:/proc/stat'),
    init: {
      pid1: fact('systemd', 'file:/proc/1/comm'),
      system: fact('systemd', 'file:/proc/1/comm'),
    },
    // A Nitro instance: no /sys/hypervisor/type, DMI from the Nitro hypervisor.
    virtualization: {
      hypervisorType: fact(null, 'file:/sys/hypervisor/type'),
      dmiPresent: fact(true, 'file:/sys/class/dmi/id'),
      dmiVendor: fact('Amazon EC2', 'file:/sys/class/dmi/id/sys_vendor'),
      uefi: fact(false, 'file:/sys/firmware/efi'),
    },
    ecs: {
      ecsInitPackage: fact(
        { name: 'ecs-init', version: '1.106.1-1.amzn2023', manager: 'rpm' },
        'cmd:rpm -q ecs-init',
      ),
      ecsInitBinary: fact(true, 'file:/usr/libexec/amazon-ecs-init'),
      services: fact([ECS_SERVICE], 'cmd:systemctl cat ecs.service'),
      // ecs-init creates the container without a restart policy: it supervises it itself.
      agentContainers: fact(
        [
          {
            name: 'ecs-agent',
            image: 'amazon/amazon-ecs-agent:latest',
            running: true,
            restartPolicy: 'no',
            versionLabel: '1.106.1',
          },
        ],
        'cmd:docker ps -a',
      ),
      cachedAgentImages: fact(['ecs-agent-v1.106.1.tar'], 'file:/var/cache/ecs'),
      introspection: fact(
        {
          version: 'Amazon ECS Agent - v1.106.1 (4fa4b2a5)',
          cluster: 'default',
          containerInstanceArn: null,
        },
        'cmd:curl localhost:51678/v1/metadata',
      ),
      // Created empty at build (scripts/setup-ecs-config-dir.sh); awslogs comes from ecs-init's default.
      etcConfig: envFile('/etc/ecs/ecs.config'),
      varLibConfig: absentFile('/var/lib/ecs/ecs.config'),
      jsonConfig: known(null, { source: 'file:/etc/ecs/ecs.config.json' }),
      checkpointFiles: fact(
        [{ path: '/var/lib/ecs/data/agent.db', modifiedAt: BOOT_TIME + 40 }],
        'cmd:stat /var/lib/ecs/data/*',
      ),
      gpuInfo: absentFile('/var/lib/ecs/gpu/nvidia-gpu-info.json'),
    },
    docker: {
      clientVersion: fact('25.0.16', 'cmd:docker version'),
      serverVersion: fact('25.0.16', 'cmd:docker version'),
      apiVersion: fact('1.44', 'cmd:docker version'),
      daemonInstalled: fact(true, 'cmd:command -v dockerd'),
      daemonRunning: fact(true, 'cmd:docker info'),
      // docker.service is not enabled on its own: the enabled ecs.service pulls it in.
      enabledAtBoot: fact(false, 'cmd:systemctl is-enabled docker'),
      runtimes: fact(['io.containerd.runc.v2', 'runc'], 'cmd:docker info'),
      defaultRuntime: fact('runc', 'cmd:docker info'),
      cgroupDriver: fact('systemd', 'cmd:docker info'),
      cgroupVersion: fact('2', 'cmd:docker info'),
      storageDriver: fact('overlay2', 'cmd:docker info'),
      loggingDriver: fact('json-file', 'cmd:docker info'),
      dataRoot: fact('/var/lib/docker', 'cmd:docker info'),
      daemonJson: absentFile('/etc/docker/daemon.json'),
      runtimesDir: fact([], 'file:/etc/docker-runtimes.d'),
    },
    containerd: { version: fact('2.2.5', 'cmd:containerd --version') },
    runc: { version: fact('1.3.5', 'cmd:runc --version') },
    gpu: {
      nvidiaPciDevices: fact(0, 'file:/sys/bus/pci/devices'),
      driverInstalled: fact(false, 'file:/lib/modules'),
      driverLoaded: fact(false, 'file:/proc/modules'),
      driverVersion: fact(null, 'file:/proc/driver/nvidia/version'),
      devices: fact([], 'cmd:nvidia-smi'),
      containerRuntimeInstalled: fact(false, 'cmd:command -v nvidia-container-runtime'),
      containerToolkitVersion: fact(null, 'cmd:nvidia-ctk --version'),
    },
    storage: {
      rootFs: fact({ sizeBytes: 30 * 2 ** 30, freeBytes: 26 * 2 ** 30, fsType: 'xfs' }, 'cmd:df /'),
      instanceStoreDevices: fact([], 'cmd:lsblk'),
    },
    ssmAgent: {
      version: fact('3.3.2746.0', 'cmd:amazon-ssm-agent --version'),
      running: fact(true, 'cmd:systemctl is-active amazon-ssm-agent'),
    },
  };
}

/** Official ECS-optimized AL2 (kernel 4.14, cgroup v1), probed on a Xen HVM instance type. */
function al2(): HostFacts {
  return merge(al2023(), {
    kernel: { release: fact('4.14.355-275.582.amzn2.x86_64', 'cmd:uname -r') },
    os: {
      versionId: fact('2', 'file:/etc/os-release'),
      prettyName: fact('Amazon Linux 2', 'file:/etc/os-release'),
      idLike: fact(['centos', 'rhel', 'fedora'], 'file:/etc/os-release'),
      systemRelease: fact('Amazon Linux release 2 (Karoo)', 'file:/etc/system-release'),
    },
    virtualization: {
      hypervisorType: fact('xen', 'file:/sys/hypervisor/type'),
      dmiVendor: fact('Xen', 'file:/sys/class/dmi/id/sys_vendor'),
    },
    ecs: {
      ecsInitPackage: fact(
        { name: 'ecs-init', version: '1.106.1-1.amzn2', manager: 'rpm' },
        'cmd:rpm -q ecs-init',
      ),
    },
    docker: {
      cgroupVersion: fact('1', 'cmd:docker info'),
      cgroupDriver: fact('cgroupfs', 'cmd:docker info'),
    },
    containerd: { version: fact('2.1.9', 'cmd:containerd --version') },
  });
}

/** Official ECS GPU-optimized AL2023 on a g5 (one A10G), reference §5.3. */
function al2023Gpu(): HostFacts {
  return merge(al2023(), {
    ecs: {
      varLibConfig: envFile('/var/lib/ecs/ecs.config', { ECS_ENABLE_GPU_SUPPORT: 'true' }),
      gpuInfo: fact(
        { driverVersion: '580.159.03', gpuIds: ['GPU-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b'] },
        'file:/var/lib/ecs/gpu/nvidia-gpu-info.json',
      ),
    },
    docker: {
      // docker-setup-runtimes.sh turns /etc/docker-runtimes.d/nvidia into --add-runtime.
      runtimes: fact(['io.containerd.runc.v2', 'nvidia', 'runc'], 'cmd:docker info'),
      runtimesDir: fact(['nvidia'], 'file:/etc/docker-runtimes.d'),
    },
    gpu: {
      nvidiaPciDevices: fact(1, 'file:/sys/bus/pci/devices'),
      driverInstalled: fact(true, 'file:/var/lib/dkms-archive'),
      driverLoaded: fact(true, 'file:/proc/modules'),
      driverVersion: fact('580.159.03', 'file:/proc/driver/nvidia/version'),
      devices: fact(
        [
          {
            index: 0,
            name: 'NVIDIA A10G',
            uuid: 'GPU-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
            driverVersion: '580.159.03',
            memoryMiB: 23028,
            busId: '00000000:00:1E.0',
          },
        ],
        'cmd:nvidia-smi',
      ),
      containerRuntimeInstalled: fact(true, 'cmd:command -v nvidia-container-runtime'),
      containerToolkitVersion: fact('1.17.8', 'cmd:nvidia-ctk --version'),
    },
  });
}

/** Ubuntu 22.04 with the generic amazon-ecs-init deb and its ecs.service. */
function ubuntuEcsInit(): HostFacts {
  return merge(al2023(), {
    kernel: { release: fact('6.8.0-1033-aws', 'cmd:uname -r') },
    os: {
      id: fact('ubuntu', 'file:/etc/os-release'),
      versionId: fact('22.04', 'file:/etc/os-release'),
      prettyName: fact('Ubuntu 22.04.5 LTS', 'file:/etc/os-release'),
      idLike: fact(['debian'], 'file:/etc/os-release'),
      systemRelease: absentFile('/etc/system-release'),
    },
    ecs: {
      ecsInitPackage: fact(
        { name: 'amazon-ecs-init', version: '1.106.1-1', manager: 'dpkg' },
        'cmd:dpkg-query -W amazon-ecs-init',
      ),
      services: fact(
        [
          service({
            name: 'ecs.service',
            path: '/lib/systemd/system/ecs.service',
            exec: ['/usr/libexec/amazon-ecs-init start'],
            environmentFiles: ['-/etc/ecs/ecs.config', '-/var/lib/ecs/ecs.config'],
          }),
        ],
        'cmd:systemctl cat ecs.service',
      ),
    },
    docker: {
      clientVersion: fact('27.5.1', 'cmd:docker version'),
      serverVersion: fact('27.5.1', 'cmd:docker version'),
      apiVersion: fact('1.47', 'cmd:docker version'),
      enabledAtBoot: fact(true, 'cmd:systemctl is-enabled docker'),
    },
    storage: {
      rootFs: fact(
        { sizeBytes: 30 * 2 ** 30, freeBytes: 25 * 2 ** 30, fsType: 'ext4' },
        'cmd:df /',
      ),
    },
  });
}

/** The hand-written unit of the unit-based recipe (create-batch-ami.md): `docker run` of the agent image. */
export const HAND_WRITTEN_UNIT: ServiceDefinition = service({
  name: 'ecs-agent.service',
  path: '/etc/systemd/system/ecs-agent.service',
  exec: [
    '/usr/bin/docker run --name ecs-agent --init --restart=on-failure:10 --net=host --env-file=/etc/ecs/ecs.config -v /var/run:/var/run -v /var/log/ecs/:/log -v /var/lib/ecs/data:/data -e ECS_LOGFILE=/log/ecs-agent.log -e ECS_DATADIR=/data amazon/amazon-ecs-agent:latest',
  ],
  environmentFiles: [],
});

/** Ubuntu with docker.io and the agent container run by a hand-written unit; awslogs set in /etc/ecs/ecs.config. */
function handWrittenUnit(): HostFacts {
  return merge(ubuntuEcsInit(), {
    ecs: {
      ecsInitPackage: known(null, { source: 'cmd:dpkg-query -W amazon-ecs-init', exitStatus: 1 }),
      ecsInitBinary: fact(false, 'file:/usr/libexec/amazon-ecs-init'),
      services: fact([HAND_WRITTEN_UNIT], 'cmd:systemctl cat ecs-agent.service'),
      agentContainers: fact(
        [
          {
            name: 'ecs-agent',
            image: 'amazon/amazon-ecs-agent:latest',
            running: true,
            restartPolicy: 'on-failure',
            versionLabel: '1.106.1',
          },
        ],
        'cmd:docker ps -a',
      ),
      cachedAgentImages: fact([], 'file:/var/cache/ecs'),
      etcConfig: envFile('/etc/ecs/ecs.config', {
        ECS_AVAILABLE_LOGGING_DRIVERS: '["json-file","awslogs"]',
      }),
    },
  });
}

/** Plain AL2023 with Docker but no agent of any kind. */
function noAgent(): HostFacts {
  return merge(al2023(), {
    ecs: {
      ecsInitPackage: known(null, { source: 'cmd:rpm -q ecs-init', exitStatus: 1 }),
      ecsInitBinary: fact(false, 'file:/usr/libexec/amazon-ecs-init'),
      services: fact([], 'cmd:systemctl list-unit-files'),
      agentContainers: fact([], 'cmd:docker ps -a'),
      cachedAgentImages: fact([], 'file:/var/cache/ecs'),
      introspection: fact(null, 'cmd:curl localhost:51678/v1/metadata'),
      etcConfig: absentFile('/etc/ecs/ecs.config'),
      checkpointFiles: fact([], 'cmd:stat /var/lib/ecs/data/*'),
    },
    docker: { enabledAtBoot: fact(true, 'cmd:systemctl is-enabled docker') },
  });
}

/** Amazon Linux AMI 2018.03 (AL1): upstart job /etc/init/ecs.conf running ecs-init. */
function al1Upstart(): HostFacts {
  return merge(al2023(), {
    kernel: { release: fact('4.14.336-180.562.amzn1.x86_64', 'cmd:uname -r') },
    os: {
      versionId: fact('2018.03', 'file:/etc/os-release'),
      prettyName: fact('Amazon Linux AMI 2018.03', 'file:/etc/os-release'),
      idLike: fact(['rhel', 'fedora'], 'file:/etc/os-release'),
      systemRelease: fact('Amazon Linux AMI release 2018.03', 'file:/etc/system-release'),
    },
    init: {
      pid1: fact('init', 'file:/proc/1/comm'),
      system: fact('upstart', 'cmd:initctl version'),
    },
    ecs: {
      ecsInitPackage: fact(
        { name: 'ecs-init', version: '1.51.0-1.amzn1', manager: 'rpm' },
        'cmd:rpm -q ecs-init',
      ),
      services: fact(
        [
          service({
            name: 'ecs',
            path: '/etc/init/ecs.conf',
            manager: 'upstart',
            exec: ['exec /usr/libexec/amazon-ecs-init start'],
            enabledAtBoot: fact(true, 'file:/etc/init/ecs.conf'),
            active: fact(true, 'cmd:initctl status ecs'),
            restarts: fact(true, 'file:/etc/init/ecs.conf'),
          }),
        ],
        'file:/etc/init/ecs.conf',
      ),
      cachedAgentImages: fact(['ecs-agent-v1.51.0.tar'], 'file:/var/cache/ecs'),
      introspection: fact(
        {
          version: 'Amazon ECS Agent - v1.51.0 (c0ffee00)',
          cluster: null,
          containerInstanceArn: null,
        },
        'cmd:curl localhost:51678/v1/metadata',
      ),
      agentContainers: fact(
        [
          {
            name: 'ecs-agent',
            image: 'amazon/amazon-ecs-agent:latest',
            running: true,
            restartPolicy: 'no',
            versionLabel: '1.51.0',
          },
        ],
        'cmd:docker ps -a',
      ),
    },
    docker: {
      clientVersion: fact('20.10.13', 'cmd:docker version'),
      serverVersion: fact('20.10.13', 'cmd:docker version'),
      apiVersion: fact('1.41', 'cmd:docker version'),
      enabledAtBoot: fact(true, 'cmd:chkconfig docker'),
      cgroupVersion: fact('1', 'cmd:docker info'),
    },
  });
}

const PRESETS = {
  al2023,
  al2,
  'al2023-gpu': al2023Gpu,
  'ubuntu-ecs-init': ubuntuEcsInit,
  'hand-written-unit': handWrittenUnit,
  'no-agent': noAgent,
  'al1-upstart': al1Upstart,
} as const satisfies Record<string, () => HostFacts>;

export type HostPreset = keyof typeof PRESETS;
export const HOST_PRESETS = Object.keys(PRESETS) as HostPreset[];

/** Overrides: objects deep-partial, arrays and facts replaced whole. */
export type HostFactsOverrides = DeepOverride<HostFacts>;
type DeepOverride<T> = T extends { known: boolean }
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepOverride<T[K]> }
      : T;

/** HostFacts for `preset` (default: official AL2023) with `overrides` merged on top. */
export function hostFacts(
  preset: HostPreset = 'al2023',
  overrides: HostFactsOverrides = {},
): HostFacts {
  return structuredClone(merge(PRESETS[preset](), overrides));
}

/** An audit subject with host facts from `preset`, plus whatever else the test needs. */
export function hostSubject(
  preset: HostPreset = 'al2023',
  overrides: HostFactsOverrides = {},
  rest: Omit<AuditSubject, 'host'> = {},
): AuditSubject {
  return { ...rest, host: hostFacts(preset, overrides) };
}

function merge<T>(base: T, override: NoInfer<DeepOverride<T>> | undefined): T {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override) || 'known' in override) return override as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    result[key] = merge((base as Record<string, unknown>)[key], value as never);
  }
  return result as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A managed EC2 compute environment context (non-GPU unless overridden). */
export function computeEnvironment(
  overrides: Partial<ComputeEnvironmentContext> = {},
): ComputeEnvironmentContext {
  return {
    name: 'test-ce',
    managed: true,
    resourceType: 'EC2',
    orchestration: 'ECS',
    instanceTypes: ['optimal'],
    gpu: false,
    ...overrides,
  };
}

/** A compute environment that runs GPU jobs. */
export const GPU_CE: ComputeEnvironmentContext = computeEnvironment({
  name: 'gpu-ce',
  instanceTypes: ['g5.xlarge'],
  gpu: true,
});
