/**
 * Host facts: what the collector observed inside a Linux host, typed.
 *
 * The collector (`shared/collector/collect.sh`) prints raw sections; the parser
 * (`shared/collector/parse.ts`) turns them into this model. Rules read only this
 * model, never raw output. Every leaf is a fact, so "could not observe" is
 * explicit and carries a reason.
 *
 * The schema is the single source of the TypeScript types, of the validation of
 * facts files (`batch-ami-audit score facts.json`, the probe cache) and of the
 * published JSON Schema. Bump HOST_FACTS_SCHEMA_VERSION on incompatible change.
 */
import { z } from 'zod';
import { factSchema as fact } from './fact';

export const HOST_FACTS_SCHEMA_VERSION = 1;

const keyValue = z.object({ key: z.string(), value: z.string() });

/** A KEY=VALUE environment file such as `/etc/ecs/ecs.config`, in file order. */
export const envFileSchema = z.object({
  path: z.string(),
  /** Assignments in file order; a later duplicate key wins, as systemd and ecs-init read them. */
  entries: z.array(keyValue),
});
export type EnvFile = z.infer<typeof envFileSchema>;

export const installedPackageSchema = z.object({
  name: z.string(),
  version: z.string(),
  manager: z.enum(['rpm', 'dpkg']),
});
export type InstalledPackage = z.infer<typeof installedPackageSchema>;

/** A systemd unit or upstart job that starts the ECS agent. */
export const serviceDefinitionSchema = z.object({
  /** Unit or job name, e.g. `ecs.service` or `ecs` (upstart). */
  name: z.string(),
  /** File that defines it. */
  path: z.string(),
  manager: z.enum(['systemd', 'upstart']),
  /** `ExecStart=` lines (systemd) or `exec`/`script` lines (upstart), verbatim. */
  exec: z.array(z.string()),
  /** `EnvironmentFile=` paths, with systemd's leading `-` (optional) kept. */
  environmentFiles: z.array(z.string()),
  /** `Environment=` assignments (systemd) or `env` stanzas (upstart). */
  environment: z.array(keyValue),
  /** Enabled to start at boot (systemd `is-enabled`/wants links, or an upstart `start on` stanza). */
  enabledAtBoot: fact(z.boolean()),
  /** Running now (systemd `is-active`, upstart `status`). */
  active: fact(z.boolean()),
  /** `Restart=` policy (other than `no`) or upstart `respawn`: something restarts it when it dies. */
  restarts: fact(z.boolean()),
});
export type ServiceDefinition = z.infer<typeof serviceDefinitionSchema>;

/** A container seen by `docker ps -a`. */
export const containerSummarySchema = z.object({
  name: z.string(),
  image: z.string(),
  running: z.boolean(),
  /** Docker restart policy name, when inspected (`always`, `unless-stopped`, `on-failure`, `no`). */
  restartPolicy: z.string().optional(),
  /** Agent version from the image's labels, when present. */
  versionLabel: z.string().optional(),
});
export type ContainerSummary = z.infer<typeof containerSummarySchema>;

export const gpuDeviceSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  uuid: z.string(),
  driverVersion: z.string().optional(),
  memoryMiB: z.number().optional(),
  busId: z.string().optional(),
});
export type GpuDevice = z.infer<typeof gpuDeviceSchema>;

const nullableString = z.string().nullable();
const jsonObject = z.record(z.string(), z.unknown());

export const hostFactsSchema = z.object({
  schemaVersion: z.literal(HOST_FACTS_SCHEMA_VERSION),
  collector: z.object({
    /** Version of the collector script that produced the raw output. */
    version: z.string(),
    /** Root prefix the collector read files under (`/` on a real host). */
    root: z.string(),
    /** ISO-8601 time the collector started, from the host's clock. */
    collectedAt: z.string().optional(),
    /** Sections whose output was cut short; their facts are unknown or partial. */
    truncatedSections: z.array(z.string()),
    /** True when the output ended before the collector's end marker. */
    incomplete: z.boolean(),
  }),

  kernel: z.object({
    /** `uname -r`, e.g. `6.1.102-111.182.amzn2023.x86_64`. */
    release: fact(z.string()),
    /** `uname -m`, e.g. `x86_64` or `aarch64`. */
    machine: fact(z.string()),
  }),

  os: z.object({
    /** `/etc/os-release` ID, e.g. `amzn`, `ubuntu`, `rhel`. */
    id: fact(z.string()),
    versionId: fact(z.string()),
    prettyName: fact(z.string()),
    idLike: fact(z.array(z.string())),
    /** `/etc/system-release`; null when the file does not exist. */
    systemRelease: fact(nullableString),
  }),

  /** When the host booted, in seconds since the epoch (`btime` in `/proc/stat`). */
  bootTime: fact(z.number()),

  init: z.object({
    /** Name of PID 1 (`/proc/1/comm`), e.g. `systemd`, `init`. */
    pid1: fact(z.string()),
    /** Init system that manages services. */
    system: fact(z.enum(['systemd', 'upstart', 'sysvinit', 'other'])),
  }),

  virtualization: z.object({
    /** `/sys/hypervisor/type`, e.g. `xen`; null when the file does not exist. */
    hypervisorType: fact(nullableString),
    /** Whether SMBIOS/DMI tables exist (`/sys/class/dmi/id`). Xen PV guests have none. */
    dmiPresent: fact(z.boolean()),
    /** `/sys/class/dmi/id/sys_vendor`, e.g. `Amazon EC2`, `Xen`; null when absent. */
    dmiVendor: fact(nullableString),
    /** `/sys/firmware/efi` exists: the host booted with UEFI. */
    uefi: fact(z.boolean()),
  }),

  ecs: z.object({
    /** `ecs-init` (Amazon Linux rpm) or `amazon-ecs-init` (generic rpm/deb); null when not installed. */
    ecsInitPackage: fact(installedPackageSchema.nullable()),
    /** `/usr/libexec/amazon-ecs-init` exists. */
    ecsInitBinary: fact(z.boolean()),
    /** Units and jobs that start the agent: `ecs.service`, `/etc/init/ecs.conf`, or hand-written ones. */
    services: fact(z.array(serviceDefinitionSchema)),
    /** Containers running the `amazon/amazon-ecs-agent` image (or named `ecs-agent`). */
    agentContainers: fact(z.array(containerSummarySchema)),
    /** Agent image tarballs cached by the ecs-init package, e.g. `ecs-agent-v1.106.1.tar`. */
    cachedAgentImages: fact(z.array(z.string())),
    /** The running agent's introspection metadata (`localhost:51678/v1/metadata`); null when nothing answers. */
    introspection: fact(
      z
        .object({
          version: nullableString,
          cluster: nullableString,
          containerInstanceArn: nullableString,
        })
        .nullable(),
    ),
    /** `/etc/ecs/ecs.config` (user config; wins); null when the file does not exist. */
    etcConfig: fact(envFileSchema.nullable()),
    /** `/var/lib/ecs/ecs.config` (instance config written by Amazon); null when absent. */
    varLibConfig: fact(envFileSchema.nullable()),
    /** `/etc/ecs/ecs.config.json` parsed; null when absent or empty. */
    jsonConfig: fact(jsonObject.nullable()),
    /**
     * Files under `/var/lib/ecs/data/` with their modification times. A checkpoint
     * written before this boot was baked into the image and stops the agent starting;
     * one written after boot is the running agent's own.
     */
    checkpointFiles: fact(
      z.array(z.object({ path: z.string(), modifiedAt: z.number().nullable() })),
    ),
    /** `/var/lib/ecs/gpu/nvidia-gpu-info.json`, written by ecs-init pre-start; null when absent. */
    gpuInfo: fact(
      z.object({ driverVersion: nullableString, gpuIds: z.array(z.string()) }).nullable(),
    ),
  }),

  docker: z.object({
    /** `docker version` client version; null when the docker CLI is not installed. */
    clientVersion: fact(nullableString),
    /** Server (daemon) version; unknown when the daemon does not answer. */
    serverVersion: fact(nullableString),
    /** Server API version, e.g. `1.44`. */
    apiVersion: fact(nullableString),
    /** `dockerd` binary present on PATH. */
    daemonInstalled: fact(z.boolean()),
    /** The daemon answers on its socket. */
    daemonRunning: fact(z.boolean()),
    /** `docker.service` enabled at boot (or an upstart/sysv equivalent). */
    enabledAtBoot: fact(z.boolean()),
    /** Runtimes the daemon knows (`docker info`), or, when it is not running, those configured. */
    runtimes: fact(z.array(z.string())),
    defaultRuntime: fact(nullableString),
    cgroupDriver: fact(nullableString),
    cgroupVersion: fact(nullableString),
    storageDriver: fact(nullableString),
    loggingDriver: fact(nullableString),
    dataRoot: fact(nullableString),
    /** `/etc/docker/daemon.json` parsed (credentials redacted); null when absent. */
    daemonJson: fact(jsonObject.nullable()),
    /** Executables in `/etc/docker-runtimes.d/` (Amazon Linux registers each as a runtime). */
    runtimesDir: fact(z.array(z.string())),
  }),

  containerd: z.object({ version: fact(nullableString) }),
  runc: z.object({ version: fact(nullableString) }),

  gpu: z.object({
    /** NVIDIA PCI devices (vendor 0x10de) seen in `/sys/bus/pci/devices`. */
    nvidiaPciDevices: fact(z.number().int()),
    /**
     * An NVIDIA kernel driver is installed, loaded or not: an `nvidia` module under
     * `/lib/modules/<release>`, a DKMS archive, or `nvidia-smi` on PATH. A GPU AMI probed
     * on an instance without a GPU has the driver installed but not loaded.
     */
    driverInstalled: fact(z.boolean()),
    /** The `nvidia` kernel module is loaded (`/proc/modules`). */
    driverLoaded: fact(z.boolean()),
    /** Driver version from `/proc/driver/nvidia/version` or `nvidia-smi`; null when no driver. */
    driverVersion: fact(nullableString),
    devices: fact(z.array(gpuDeviceSchema)),
    /** `nvidia-container-runtime` (or `nvidia-container-runtime-hook`) on PATH. */
    containerRuntimeInstalled: fact(z.boolean()),
    /** `nvidia-ctk --version` or `nvidia-container-cli --version`; null when not installed. */
    containerToolkitVersion: fact(nullableString),
  }),

  storage: z.object({
    /** Root filesystem size and free space, in bytes. */
    rootFs: fact(
      z.object({ sizeBytes: z.number(), freeBytes: z.number(), fsType: nullableString }),
    ),
    /** Block devices that look like instance store (NVMe instance storage or ephemeral disks). */
    instanceStoreDevices: fact(z.array(z.string())),
  }),

  ssmAgent: z.object({
    /** SSM agent version; null when not installed. */
    version: fact(nullableString),
    running: fact(z.boolean()),
  }),
});

export type HostFacts = z.infer<typeof hostFactsSchema>;
