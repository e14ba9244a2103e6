/**
 * Host facts: what the collector observed inside a Linux host, typed.
 *
 * The collector (`shared/collector/collect.sh`) prints raw sections; the parser
 * (`shared/collector/parse.ts`) turns them into this model. Rules read only this
 * model, never raw output. Every leaf is a {@link Fact}, so "could not observe"
 * is explicit and carries a reason.
 *
 * The model is JSON-serialisable and versioned: bump {@link HOST_FACTS_SCHEMA_VERSION}
 * on any incompatible change, and keep `docs/facts.md` in step.
 */
import type { Fact } from './fact';

export const HOST_FACTS_SCHEMA_VERSION = 1;

/** A KEY=VALUE environment file such as `/etc/ecs/ecs.config`, in file order. */
export interface EnvFile {
  readonly path: string;
  /** Assignments in file order; a later duplicate key wins, as systemd and ecs-init read them. */
  readonly entries: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

/** An installed OS package. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  readonly manager: 'rpm' | 'dpkg';
}

/** A systemd unit or upstart job that starts something at boot. */
export interface ServiceDefinition {
  /** Unit or job name, e.g. `ecs.service` or `ecs` (upstart). */
  readonly name: string;
  /** File that defines it. */
  readonly path: string;
  readonly manager: 'systemd' | 'upstart';
  /** `ExecStart=` lines (systemd) or `exec`/`script` lines (upstart), verbatim. */
  readonly exec: readonly string[];
  /** `EnvironmentFile=` paths, with systemd's leading `-` (optional) kept. */
  readonly environmentFiles: readonly string[];
  /** `Environment=` assignments (systemd) or `env` stanzas (upstart). */
  readonly environment: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** Enabled to start at boot (systemd `is-enabled`, or an upstart `start on` stanza). */
  readonly enabledAtBoot: Fact<boolean>;
  /** Running now (systemd `is-active`, upstart `status`). */
  readonly active: Fact<boolean>;
  /** `Restart=` policy or upstart `respawn`: something restarts it when it dies. */
  readonly restarts: Fact<boolean>;
}

/** A container seen by `docker ps -a`. */
export interface ContainerSummary {
  readonly name: string;
  readonly image: string;
  readonly running: boolean;
  /** Docker restart policy name, when inspected (`always`, `unless-stopped`, `on-failure`, `no`). */
  readonly restartPolicy?: string;
  /** Agent version from the image's labels, when present. */
  readonly versionLabel?: string;
}

export interface GpuDevice {
  readonly index: number;
  readonly name: string;
  readonly uuid: string;
  readonly driverVersion?: string;
  readonly memoryMiB?: number;
  readonly busId?: string;
}

export interface HostFacts {
  readonly schemaVersion: typeof HOST_FACTS_SCHEMA_VERSION;
  readonly collector: {
    /** Version of the collector script that produced the raw output. */
    readonly version: string;
    /** Root prefix the collector read files under (`/` on a real host). */
    readonly root: string;
    /** ISO-8601 time the collector started, from the host's clock. */
    readonly collectedAt?: string;
    /** Sections whose output was cut short; their facts are unknown or partial. */
    readonly truncatedSections: readonly string[];
    /** True when the output ended before the collector's end marker. */
    readonly incomplete: boolean;
  };

  readonly kernel: {
    /** `uname -r`, e.g. `6.1.102-111.182.amzn2023.x86_64`. */
    readonly release: Fact<string>;
    /** `uname -m`, e.g. `x86_64` or `aarch64`. */
    readonly machine: Fact<string>;
  };

  readonly os: {
    /** `/etc/os-release` ID, e.g. `amzn`, `ubuntu`, `rhel`. */
    readonly id: Fact<string>;
    readonly versionId: Fact<string>;
    readonly prettyName: Fact<string>;
    readonly idLike: Fact<readonly string[]>;
    /** `/etc/system-release` contents; `null` when the file does not exist (non-Amazon/Red Hat). */
    readonly systemRelease: Fact<string | null>;
  };

  readonly init: {
    /** Name of PID 1 (`/proc/1/comm`), e.g. `systemd`, `init`. */
    readonly pid1: Fact<string>;
    /** Init system that manages services. */
    readonly system: Fact<'systemd' | 'upstart' | 'sysvinit' | 'other'>;
  };

  readonly virtualization: {
    /** `/sys/hypervisor/type`, e.g. `xen`; `null` when the file does not exist. */
    readonly hypervisorType: Fact<string | null>;
    /** Whether SMBIOS/DMI tables exist (`/sys/class/dmi/id`). Xen PV guests have none. */
    readonly dmiPresent: Fact<boolean>;
    /** `/sys/class/dmi/id/sys_vendor`, e.g. `Amazon EC2`, `Xen`; `null` when absent. */
    readonly dmiVendor: Fact<string | null>;
    /** `/sys/firmware/efi` exists: the host booted with UEFI. */
    readonly uefi: Fact<boolean>;
  };

  readonly ecs: {
    /** `ecs-init` (Amazon Linux rpm) or `amazon-ecs-init` (generic rpm/deb); `null` when not installed. */
    readonly ecsInitPackage: Fact<InstalledPackage | null>;
    /** `/usr/libexec/amazon-ecs-init` (or the path the package uses) exists. */
    readonly ecsInitBinary: Fact<boolean>;
    /** Units and jobs that start the agent: `ecs.service`, `/etc/init/ecs.conf`, or hand-written ones. */
    readonly services: Fact<readonly ServiceDefinition[]>;
    /** Containers running the `amazon/amazon-ecs-agent` image (or named `ecs-agent`). */
    readonly agentContainers: Fact<readonly ContainerSummary[]>;
    /** Agent image tarballs cached by the ecs-init package, e.g. `ecs-agent-v1.106.1.tar`. */
    readonly cachedAgentImages: Fact<readonly string[]>;
    /** The running agent's introspection metadata (`localhost:51678/v1/metadata`); `null` when nothing answers. */
    readonly introspection: Fact<{
      readonly version: string | null;
      readonly cluster: string | null;
      readonly containerInstanceArn: string | null;
    } | null>;
    /** `/etc/ecs/ecs.config` (user config; wins); `null` when the file does not exist. */
    readonly etcConfig: Fact<EnvFile | null>;
    /** `/var/lib/ecs/ecs.config` (instance config written by Amazon); `null` when absent. */
    readonly varLibConfig: Fact<EnvFile | null>;
    /** `/etc/ecs/ecs.config.json` parsed; `null` when absent or empty. */
    readonly jsonConfig: Fact<Readonly<Record<string, unknown>> | null>;
    /** Files under `/var/lib/ecs/data/` (a checkpoint baked into an image stops the agent starting). */
    readonly checkpointFiles: Fact<readonly string[]>;
    /** `/var/lib/ecs/gpu/nvidia-gpu-info.json`, written by ecs-init pre-start; `null` when absent. */
    readonly gpuInfo: Fact<{
      readonly driverVersion: string | null;
      readonly gpuIds: readonly string[];
    } | null>;
  };

  readonly docker: {
    /** `docker version` client version; `null` when the docker CLI is not installed. */
    readonly clientVersion: Fact<string | null>;
    /** Server (daemon) version; unknown when the daemon does not answer. */
    readonly serverVersion: Fact<string | null>;
    /** Server API version, e.g. `1.44`. */
    readonly apiVersion: Fact<string | null>;
    /** `dockerd` binary present on PATH. */
    readonly daemonInstalled: Fact<boolean>;
    /** The daemon answers on its socket. */
    readonly daemonRunning: Fact<boolean>;
    /** `docker.service` enabled at boot (or an upstart/sysv equivalent). */
    readonly enabledAtBoot: Fact<boolean>;
    /** Runtimes the daemon knows (`docker info`), or, when it is not running, those configured. */
    readonly runtimes: Fact<readonly string[]>;
    readonly defaultRuntime: Fact<string | null>;
    readonly cgroupDriver: Fact<string | null>;
    readonly cgroupVersion: Fact<string | null>;
    readonly storageDriver: Fact<string | null>;
    readonly loggingDriver: Fact<string | null>;
    readonly dataRoot: Fact<string | null>;
    /** `/etc/docker/daemon.json` parsed (credentials redacted); `null` when absent. */
    readonly daemonJson: Fact<Readonly<Record<string, unknown>> | null>;
    /** Executables in `/etc/docker-runtimes.d/` (Amazon Linux registers each as a runtime). */
    readonly runtimesDir: Fact<readonly string[]>;
  };

  readonly containerd: { readonly version: Fact<string | null> };
  readonly runc: { readonly version: Fact<string | null> };

  readonly gpu: {
    /** NVIDIA PCI devices (vendor 0x10de) seen in `/sys/bus/pci/devices`. */
    readonly nvidiaPciDevices: Fact<number>;
    /** The `nvidia` kernel module is loaded (`/proc/modules`). */
    readonly driverLoaded: Fact<boolean>;
    /** Driver version from `/proc/driver/nvidia/version` or `nvidia-smi`; `null` when no driver. */
    readonly driverVersion: Fact<string | null>;
    readonly devices: Fact<readonly GpuDevice[]>;
    /** `nvidia-container-runtime` (or `nvidia-container-runtime-hook`) on PATH. */
    readonly containerRuntimeInstalled: Fact<boolean>;
    /** `nvidia-ctk --version` or `nvidia-container-cli --version`; `null` when not installed. */
    readonly containerToolkitVersion: Fact<string | null>;
  };

  readonly storage: {
    /** Root filesystem size and free space, in bytes. */
    readonly rootFs: Fact<{
      readonly sizeBytes: number;
      readonly freeBytes: number;
      readonly fsType: string | null;
    }>;
    /** Block devices that look like instance store (NVMe instance storage or ephemeral disks). */
    readonly instanceStoreDevices: Fact<readonly string[]>;
  };

  readonly ssmAgent: {
    /** SSM agent version; `null` when not installed. */
    readonly version: Fact<string | null>;
    readonly running: Fact<boolean>;
  };
}
