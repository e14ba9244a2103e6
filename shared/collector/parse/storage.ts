/** Root filesystem, instance store and SSM agent facts. */
import { type Fact, known, unknown } from '../../core/fact';
import type { HostFacts } from '../../core/host-facts';
import type { CollectorOutput } from './framing';
import { commandPath, installedPackage, processRunning } from './inventory';
import { findSection, firstLine, provenanceOf, readSection } from './sections';
import { isActiveState, loadedUnit, systemctlStates } from './systemd';

const INSTANCE_STORE_MODEL = 'Amazon EC2 NVMe Instance Storage';
const SSM_UNITS = ['amazon-ssm-agent.service', 'snap.amazon-ssm-agent.amazon-ssm-agent.service'];

export function storageFacts(out: CollectorOutput): HostFacts['storage'] {
  return { rootFs: rootFs(out), instanceStoreDevices: instanceStoreDevices(out) };
}

/** `df -P -k /` (1024-byte blocks), with the type of `/` from `/proc/mounts`. */
function rootFs(out: CollectorOutput): HostFacts['storage']['rootFs'] {
  const read = readSection(out, 'df');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    return unknown(
      `df failed: ${firstLine(read.section) || `exit ${read.section.status}`}`,
      read.from,
    );
  }
  const line = read.section.lines.findLast((l) => /\s\d+%\s/.test(l)) ?? '';
  const match = /^(.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s+(.*)$/.exec(line);
  if (!match) return unknown(`df printed no usage line: ${firstLine(read.section)}`, read.from);
  return known(
    {
      sizeBytes: Number(match[2]) * 1024,
      freeBytes: Number(match[4]) * 1024,
      fsType: rootFsType(out),
    },
    provenanceOf(read.section, line),
  );
}

/** The last `/` mount in `/proc/mounts` (the one on top); null when it cannot be told. */
function rootFsType(out: CollectorOutput): string | null {
  const read = readSection(out, 'mounts');
  if (!read.ok || read.section.status !== 0) return null;
  const fields = read.section.lines.findLast((line) => line.split(' ')[1] === '/')?.split(' ');
  return fields?.[2] ?? null;
}

/**
 * NVMe devices whose model is EC2's instance storage, and Xen ephemeral disks
 * (`xvdb`…`xvdz`; on Xen, EBS volumes attached at those names look the same).
 */
function instanceStoreDevices(out: CollectorOutput): Fact<string[]> {
  const read = readSection(out, 'block-devices');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) return unknown('/sys/block does not exist', read.from);
  const devices = read.section.lines.flatMap((line) => {
    const [name = '', ...model] = line.trim().split(/\s+/);
    const nvmeStore = name.startsWith('nvme') && model.join(' ') === INSTANCE_STORE_MODEL;
    return nvmeStore || /^xvd[b-z]$/.test(name) ? [`/dev/${name}`] : [];
  });
  return known(devices, read.from);
}

export function ssmAgentFacts(out: CollectorOutput): HostFacts['ssmAgent'] {
  const version = ssmVersion(out);
  return { version, running: ssmRunning(out, version) };
}

/** `amazon-ssm-agent --version` ("SSM Agent version: 3.3.1142.0"), the snap, or the package. */
function ssmVersion(out: CollectorOutput): Fact<string | null> {
  const read = readSection(out, 'ssm-version');
  if (read.ok && read.section.status === 0) {
    const version = /(\d+\.\d+\.\d+(?:\.\d+)?)/.exec(read.section.lines.join(' '))?.[1];
    if (version) return known(version, read.from);
  }
  const snap = findSection(out, 'snap-ssm');
  if (snap?.status === 0) {
    const line = snap.lines.find((l) => l.startsWith('amazon-ssm-agent '));
    const version = line?.split(/\s+/)[1];
    if (version) return known(version, provenanceOf(snap, line));
  }
  const pkg = installedPackage(out, ['amazon-ssm-agent']);
  // the package's version without its release (3.3.4624.0-1.amzn2023 → 3.3.4624.0)
  if (pkg.known && pkg.value) return known(pkg.value.version.split('-')[0] ?? '', pkg.from);
  if (!read.ok) return read.unknown;
  if (read.section.status === 127) return known(null, read.from);
  return unknown(`amazon-ssm-agent --version failed (exit ${read.section.status})`, read.from);
}

/** The agent's unit (rpm/deb or snap) is active; without systemd, its process runs. */
function ssmRunning(out: CollectorOutput, version: Fact<string | null>): Fact<boolean> {
  const states = systemctlStates(out);
  if (states.known) {
    const loaded = SSM_UNITS.flatMap((unit) => {
      const state = loadedUnit(states, unit);
      return state ? [{ unit, state }] : [];
    });
    if (loaded.length > 0) {
      const active = loaded.find(({ state }) => isActiveState(state));
      const shown = active ?? loaded[0];
      return known(active !== undefined, {
        ...states.from,
        excerpt: `${shown?.unit}: ActiveState=${shown?.state.get('ActiveState') ?? ''}`,
      });
    }
  }
  if (version.known && version.value === null) {
    const binary = commandPath(out, 'amazon-ssm-agent');
    return known(false, binary.known ? binary.from : version.from);
  }
  // /proc/<pid>/comm is cut at 15 characters
  return processRunning(out, 'amazon-ssm-agen');
}
