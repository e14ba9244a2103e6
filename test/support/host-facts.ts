/**
 * Host facts of a healthy Amazon Linux 2023 ECS-optimized host, as the
 * collector and parser would produce them, with switches for the defects
 * the probe tests need. Kept here until the collector's fixture hosts land
 * (test/fixtures/hosts/), then these come from running the real collector.
 */
import { known, unknown } from '../../shared/core/fact';
import type { HostFacts } from '../../shared/core/host-facts';
import { HOST_FACTS_SCHEMA_VERSION } from '../../shared/core/host-facts';

export interface HostFactsOptions {
  /** `/etc/ecs/ecs.config` overrides ECS_AVAILABLE_LOGGING_DRIVERS without awslogs. */
  readonly awslogsRemoved?: boolean;
  /** Number of NVIDIA GPUs the host has (and the driver sees). */
  readonly gpus?: number;
  readonly kernel?: string;
}

const f = (source: string) => ({ source });

export function healthyHostFacts(options: HostFactsOptions = {}): HostFacts {
  const gpus = options.gpus ?? 0;
  const etcEntries = [{ key: 'ECS_CLUSTER', value: 'batch-ami-auditor-probe' }];
  if (options.awslogsRemoved) {
    etcEntries.unshift({ key: 'ECS_AVAILABLE_LOGGING_DRIVERS', value: '["json-file","none"]' });
  }
  const devices = Array.from({ length: gpus }, (_, index) => ({
    index,
    name: 'Tesla T4',
    uuid: `GPU-0000000${index}-aaaa-bbbb-cccc-dddddddddddd`,
    driverVersion: '580.159.03',
  }));
  return {
    schemaVersion: HOST_FACTS_SCHEMA_VERSION,
    collector: {
      version: '1',
      root: '/',
      collectedAt: '2026-11-28T10:00:00Z',
      truncatedSections: [],
      incomplete: false,
    },
    kernel: {
      release: known(options.kernel ?? '6.1.158-180.294.amzn2023.x86_64', f('cmd:uname -r')),
      machine: known('x86_64', f('cmd:uname -m')),
    },
    os: {
      id: known('amzn', f('file:/etc/os-release')),
      versionId: known('2023', f('file:/etc/os-release')),
      prettyName: known('Amazon Linux 2023.9.20261110', f('file:/etc/os-release')),
      idLike: known(['fedora'], f('file:/etc/os-release')),
      systemRelease: known(
        'Amazon Linux release 2023.9.20261110 (Amazon Linux)',
        f('file:/etc/system-release'),
      ),
    },
    bootTime: known(1_795_600_000, f('file:/proc/stat')),
    init: {
      pid1: known('systemd', f('file:/proc/1/comm')),
      system: known('systemd', f('file:/proc/1/comm')),
    },
    virtualization: {
      hypervisorType: known(null, f('file:/sys/hypervisor/type')),
      dmiPresent: known(true, f('file:/sys/class/dmi/id')),
      dmiVendor: known('Amazon EC2', f('file:/sys/class/dmi/id/sys_vendor')),
      uefi: known(false, f('file:/sys/firmware/efi')),
    },
    ecs: {
      ecsInitPackage: known(
        { name: 'ecs-init', version: '1.106.1-1.amzn2023', manager: 'rpm' },
        f('cmd:rpm -q ecs-init'),
      ),
      ecsInitBinary: known(true, f('file:/usr/libexec/amazon-ecs-init')),
      services: known(
        [
          {
            name: 'ecs.service',
            path: '/usr/lib/systemd/system/ecs.service',
            manager: 'systemd',
            exec: ['ExecStart=/usr/libexec/amazon-ecs-init start'],
            environmentFiles: ['-/etc/ecs/ecs.config'],
            environment: [],
            enabledAtBoot: known(true, f('cmd:systemctl is-enabled ecs')),
            active: known(true, f('cmd:systemctl is-active ecs')),
            restarts: known(true, f('file:/usr/lib/systemd/system/ecs.service')),
          },
        ],
        f('file:/usr/lib/systemd/system/ecs.service'),
      ),
      agentContainers: known(
        [
          {
            name: 'ecs-agent',
            image: 'amazon/amazon-ecs-agent:latest',
            running: true,
            versionLabel: '1.106.1',
          },
        ],
        f('cmd:docker ps -a'),
      ),
      cachedAgentImages: known(['ecs-agent-v1.106.1.tar'], f('file:/var/cache/ecs')),
      introspection: known(
        {
          version: 'Amazon ECS Agent - v1.106.1 (abcdef01)',
          cluster: 'batch-ami-auditor-probe',
          containerInstanceArn: null,
        },
        f('cmd:curl localhost:51678/v1/metadata'),
      ),
      etcConfig: known(
        { path: '/etc/ecs/ecs.config', entries: etcEntries },
        f('file:/etc/ecs/ecs.config'),
      ),
      varLibConfig:
        gpus > 0
          ? known(
              {
                path: '/var/lib/ecs/ecs.config',
                entries: [{ key: 'ECS_ENABLE_GPU_SUPPORT', value: 'true' }],
              },
              f('file:/var/lib/ecs/ecs.config'),
            )
          : known(null, f('file:/var/lib/ecs/ecs.config')),
      jsonConfig: known(null, f('file:/etc/ecs/ecs.config.json')),
      checkpointFiles: known([], f('file:/var/lib/ecs/data')),
      gpuInfo:
        gpus > 0
          ? known(
              { driverVersion: '580.159.03', gpuIds: devices.map((d) => d.uuid) },
              f('file:/var/lib/ecs/gpu/nvidia-gpu-info.json'),
            )
          : known(null, f('file:/var/lib/ecs/gpu/nvidia-gpu-info.json')),
    },
    docker: {
      clientVersion: known('25.0.16', f('cmd:docker version')),
      serverVersion: known('25.0.16', f('cmd:docker version')),
      apiVersion: known('1.44', f('cmd:docker version')),
      daemonInstalled: known(true, f('cmd:command -v dockerd')),
      daemonRunning: known(true, f('cmd:docker info')),
      enabledAtBoot: known(true, f('cmd:systemctl is-enabled docker')),
      runtimes: known(
        gpus > 0 ? ['io.containerd.runc.v2', 'nvidia', 'runc'] : ['io.containerd.runc.v2', 'runc'],
        f('cmd:docker info'),
      ),
      defaultRuntime: known('runc', f('cmd:docker info')),
      cgroupDriver: known('systemd', f('cmd:docker info')),
      cgroupVersion: known('2', f('cmd:docker info')),
      storageDriver: known('overlay2', f('cmd:docker info')),
      loggingDriver: known('json-file', f('cmd:docker info')),
      dataRoot: known('/var/lib/docker', f('cmd:docker info')),
      daemonJson: known(null, f('file:/etc/docker/daemon.json')),
      runtimesDir: known(gpus > 0 ? ['nvidia'] : [], f('file:/etc/docker-runtimes.d')),
    },
    containerd: { version: known('2.2.5', f('cmd:containerd --version')) },
    runc: { version: known('1.3.5', f('cmd:runc --version')) },
    gpu: {
      nvidiaPciDevices: known(gpus, f('file:/sys/bus/pci/devices')),
      driverInstalled: known(gpus > 0, f('file:/lib/modules')),
      driverLoaded: known(gpus > 0, f('file:/proc/modules')),
      driverVersion: known(gpus > 0 ? '580.159.03' : null, f('file:/proc/driver/nvidia/version')),
      devices: known(devices, f('cmd:nvidia-smi')),
      containerRuntimeInstalled: known(gpus > 0, f('cmd:command -v nvidia-container-runtime')),
      containerToolkitVersion: known(gpus > 0 ? '1.17.8' : null, f('cmd:nvidia-ctk --version')),
    },
    storage: {
      rootFs: known(
        { sizeBytes: 32_000_000_000, freeBytes: 28_000_000_000, fsType: 'xfs' },
        f('cmd:df /'),
      ),
      instanceStoreDevices: known([], f('file:/sys/block')),
    },
    ssmAgent: {
      version: known('3.3.4624.0', f('cmd:amazon-ssm-agent --version')),
      running: known(true, f('cmd:systemctl is-active amazon-ssm-agent')),
    },
  };
}

/** A GPU AMI's facts as seen on an instance without a GPU: driver installed, nothing loaded. */
export function gpuAmiOnCpuInstance(): HostFacts {
  const facts = healthyHostFacts({ gpus: 1 });
  return {
    ...facts,
    gpu: {
      ...facts.gpu,
      nvidiaPciDevices: known(0, f('file:/sys/bus/pci/devices')),
      driverLoaded: known(false, f('file:/proc/modules')),
      driverVersion: known(null, f('file:/proc/driver/nvidia/version')),
      devices: unknown('nvidia-smi found no devices', f('cmd:nvidia-smi')),
    },
    ecs: { ...facts.ecs, gpuInfo: known(null, f('file:/var/lib/ecs/gpu/nvidia-gpu-info.json')) },
  };
}
