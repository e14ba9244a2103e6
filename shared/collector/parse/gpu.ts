/** NVIDIA GPU facts: devices, kernel driver, nvidia-smi, container toolkit. */
import { type Fact, type Known, known, unknown } from '../../core/fact';
import type { GpuDevice, HostFacts } from '../../core/host-facts';
import type { CollectorOutput } from './framing';
import { commandPath, pathExists } from './inventory';
import { findSection, firstLine, provenanceOf, readSection, textOf } from './sections';

type GpuFacts = HostFacts['gpu'];

export function gpuFacts(out: CollectorOutput): GpuFacts {
  const pciDevices = nvidiaPciDevices(out);
  const loaded = driverLoaded(out);
  const smi = nvidiaSmi(out, pciDevices);
  return {
    nvidiaPciDevices: pciDevices,
    driverInstalled: driverInstalled(out, loaded),
    driverLoaded: loaded,
    driverVersion: driverVersion(out, loaded, smi),
    devices: smi,
    containerRuntimeInstalled: containerRuntimeInstalled(out),
    containerToolkitVersion: toolkitVersion(out),
  };
}

/**
 * NVIDIA display controllers (PCI class 0x03xxxx) with vendor 0x10de. NVSwitches
 * and audio functions share the vendor id but are not GPUs, so they are not counted.
 */
function nvidiaPciDevices(out: CollectorOutput): Fact<number> {
  const read = readSection(out, 'nvidia-pci');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    return unknown(
      '/sys/bus/pci/devices does not exist, so PCI devices could not be listed',
      read.from,
    );
  }
  const gpus = read.section.lines.filter((line) => line.split(' ')[2]?.startsWith('0x03'));
  return known(
    gpus.length,
    provenanceOf(read.section, gpus.join('\n') || 'no NVIDIA display controller'),
  );
}

/**
 * The `nvidia` module in `/proc/modules`. A kernel built without loadable modules has no
 * `/proc/modules`; then the driver's own `/proc/driver/nvidia/version`, present whenever
 * an NVIDIA driver runs, decides.
 */
function driverLoaded(out: CollectorOutput): Fact<boolean> {
  const read = readSection(out, 'nvidia-modules');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    const version = readSection(out, 'nvidia-version');
    if (version.ok) {
      return known(
        version.section.status === 0,
        provenanceOf(
          version.section,
          version.section.status === 0 ? 'NVIDIA driver running' : 'no NVIDIA driver running',
        ),
      );
    }
    return unknown('/proc/modules could not be read', read.from);
  }
  const line = read.section.lines.find((l) => l.split(' ')[0] === 'nvidia');
  return known(line !== undefined, provenanceOf(read.section, line ?? 'no nvidia module loaded'));
}

/**
 * A driver is on disk: an nvidia module for the running kernel, a DKMS archive
 * (the AL2023 GPU AMI picks its kmod at boot), nvidia-smi, or a loaded module.
 */
function driverInstalled(out: CollectorOutput, loaded: Fact<boolean>): Fact<boolean> {
  if (loaded.known && loaded.value) return loaded;
  const kmod = readSection(out, 'nvidia-kmod');
  if (kmod.ok && kmod.section.status === 0 && kmod.section.lines.length > 0) {
    return known(true, kmod.from);
  }
  const evidence = [
    pathExists(out, '/var/lib/dkms-archive'),
    pathExists(out, '/var/lib/dkms/nvidia'),
  ];
  const yes = evidence.find((fact) => fact.known && fact.value);
  if (yes) return yes;
  const smi = commandPath(out, 'nvidia-smi');
  if (smi.known && smi.value !== null) return known(true, smi.from);
  if (!kmod.ok) return kmod.unknown;
  const unread = [...evidence, smi].find((fact) => !fact.known);
  if (unread && !unread.known) return unread;
  return known(false, provenanceOf(kmod.section, 'no nvidia module, DKMS archive or nvidia-smi'));
}

/**
 * `NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build …`
 * (or `… x86_64 Kernel Module  550.163.01  …`), else the version nvidia-smi reports.
 */
function driverVersion(
  out: CollectorOutput,
  loaded: Fact<boolean>,
  devices: Fact<GpuDevice[]>,
): Fact<string | null> {
  const read = readSection(out, 'nvidia-version');
  if (!read.ok) return read.unknown;
  if (read.section.status === 0) {
    const line = read.section.lines.find((l) => l.startsWith('NVRM version:')) ?? '';
    const version = /Kernel Module(?:\s+for\s+\S+)?\s+(\d+\.\d+(?:\.\d+)?)/.exec(line)?.[1];
    if (version) return known(version, provenanceOf(read.section, line.trim()));
    return unknown(
      `/proc/driver/nvidia/version has no version: ${firstLine(read.section)}`,
      read.from,
    );
  }
  const fromSmi = devices.known
    ? devices.value.find((d) => d.driverVersion)?.driverVersion
    : undefined;
  if (fromSmi && devices.known) return known(fromSmi, devices.from);
  if (loaded.known && !loaded.value) return known(null, read.from);
  return unknown(
    '/proc/driver/nvidia/version does not exist and nvidia-smi reported no driver',
    read.from,
  );
}

/**
 * GPUs from `nvidia-smi --query-gpu=index,name,uuid,driver_version,memory.total,pci.bus_id[,compute_cap]
 * --format=csv,noheader`. An empty list when nvidia-smi is absent, or fails on a host with no NVIDIA GPU.
 */
function nvidiaSmi(out: CollectorOutput, pciDevices: Fact<number>): Fact<GpuDevice[]> {
  const section = findSection(out, 'nvidia-smi');
  if (!section) {
    const smi = commandPath(out, 'nvidia-smi');
    if (!smi.known) return smi;
    if (smi.value === null) return known([], smi.from);
    return unknown('nvidia-smi is installed but its output is missing (output incomplete)');
  }
  const read = readSection(out, 'nvidia-smi');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    if (pciDevices.known && pciDevices.value === 0) return known([], read.from);
    return unknown(
      `nvidia-smi failed: ${firstLine(read.section) || `exit ${read.section.status}`}`,
      read.from,
    );
  }
  const devices = read.section.lines.flatMap((line) => parseGpuLine(line));
  if (devices.length === 0 && textOf(read.section).trim() !== '') {
    return unknown(`nvidia-smi printed no GPU line: ${firstLine(read.section)}`, read.from);
  }
  return known(devices, read.from);
}

function parseGpuLine(line: string): GpuDevice[] {
  const [index, name, uuid, driver, memory, busId] = line.split(',').map((field) => field.trim());
  if (!index || !/^\d+$/.test(index) || !name || !uuid) return [];
  const memoryMiB = /^(\d+(?:\.\d+)?)\s*MiB$/i.exec(memory ?? '')?.[1];
  return [
    {
      index: Number(index),
      name,
      uuid,
      ...(driver && driver !== '[N/A]' ? { driverVersion: driver } : {}),
      ...(memoryMiB ? { memoryMiB: Number(memoryMiB) } : {}),
      ...(busId && busId !== '[N/A]' ? { busId } : {}),
    },
  ];
}

function containerRuntimeInstalled(out: CollectorOutput): Fact<boolean> {
  const runtime = commandPath(out, 'nvidia-container-runtime');
  const hook = commandPath(out, 'nvidia-container-runtime-hook');
  const found = [runtime, hook].find(
    (fact): fact is Known<string | null> => fact.known && fact.value !== null,
  );
  if (found) return known(true, found.from);
  if (!runtime.known) return runtime;
  if (!hook.known) return hook;
  return known(false, runtime.from);
}

/** `NVIDIA Container Toolkit CLI version 1.17.8` or `cli-version: 1.17.8`; null when neither tool exists. */
function toolkitVersion(out: CollectorOutput): Fact<string | null> {
  const reasons: string[] = [];
  let absent: Fact<string | null> | undefined;
  for (const [id, pattern] of [
    ['nvidia-ctk', /version\s+v?(\d+\.\d+\.\d+\S*)/i],
    ['nvidia-container-cli', /cli-version:\s*v?(\d+\.\d+\.\d+\S*)/i],
  ] as const) {
    const read = readSection(out, id);
    if (!read.ok) {
      reasons.push(read.unknown.reason);
      continue;
    }
    if (read.section.status === 127) {
      absent ??= known(null, read.from);
      continue;
    }
    const version = pattern.exec(textOf(read.section))?.[1];
    if (read.section.status === 0 && version) return known(version, read.from);
    reasons.push(
      `${id} --version failed: ${firstLine(read.section) || `exit ${read.section.status}`}`,
    );
  }
  if (reasons.length > 0) return unknown(reasons.join('; '));
  return absent ?? unknown('the container toolkit was not looked for');
}
