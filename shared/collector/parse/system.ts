/** Kernel, OS release, boot time, init system and virtualization facts. */
import { type Fact, known, unknown } from '../../core/fact';
import type { HostFacts } from '../../core/host-facts';
import type { CollectorOutput } from './framing';
import { pathExists } from './inventory';
import { firstLine, provenanceOf, readSection } from './sections';
import { parseOsRelease } from './text';

/** The first line a command printed, when it ran and printed one. */
function commandLine(out: CollectorOutput, id: string, what: string): Fact<string> {
  const read = readSection(out, id);
  if (!read.ok) return read.unknown;
  const { section, from } = read;
  if (section.status === 127) return unknown(`${what}: the command is not installed`, from);
  if (section.status !== 0) return unknown(`${what} failed (exit ${section.status})`, from);
  const line = firstLine(section);
  return line === '' ? unknown(`${what} printed nothing`, from) : known(line, from);
}

/** The first line of a file; null when the file does not exist. */
function fileLine(out: CollectorOutput, id: string, path: string): Fact<string | null> {
  const read = readSection(out, id);
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known(null, read.from);
  if (read.section.status !== 0) return unknown(`${path} could not be read`, read.from);
  return known(firstLine(read.section), read.from);
}

export function kernelFacts(out: CollectorOutput): HostFacts['kernel'] {
  return {
    release: commandLine(out, 'uname-r', 'uname -r'),
    machine: commandLine(out, 'uname-m', 'uname -m'),
  };
}

export function osFacts(out: CollectorOutput): HostFacts['os'] {
  const systemRelease = fileLine(out, 'system-release', '/etc/system-release');
  const read = readSection(out, 'os-release');
  if (!read.ok) {
    return {
      id: read.unknown,
      versionId: read.unknown,
      prettyName: read.unknown,
      idLike: read.unknown,
      systemRelease,
    };
  }
  if (read.section.status !== 0) {
    const missing = unknown(
      read.section.status === 1
        ? '/etc/os-release does not exist'
        : '/etc/os-release could not be read',
      read.from,
    );
    return { id: missing, versionId: missing, prettyName: missing, idLike: missing, systemRelease };
  }
  const fields = parseOsRelease(read.section.lines);
  const field = (key: string, fallback?: string): Fact<string> => {
    const value = fields.get(key) ?? fallback;
    return value === undefined
      ? unknown(`/etc/os-release has no ${key}`, read.from)
      : known(value, provenanceOf(read.section, `${key}=${value}`));
  };
  const idLike = fields.get('ID_LIKE');
  return {
    // os-release(5): ID defaults to "linux" when absent
    id: field('ID', 'linux'),
    versionId: field('VERSION_ID'),
    prettyName: field('PRETTY_NAME'),
    idLike: known(
      idLike ? idLike.split(/\s+/).filter(Boolean) : [],
      provenanceOf(read.section, `ID_LIKE=${idLike ?? ''}`),
    ),
    systemRelease,
  };
}

/** `btime` in `/proc/stat`: the boot time in seconds since the epoch. */
export function bootTime(out: CollectorOutput): Fact<number> {
  const read = readSection(out, 'boot-time');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) return unknown('/proc/stat could not be read', read.from);
  const value = /^btime\s+(\d+)/.exec(firstLine(read.section))?.[1];
  return value
    ? known(Number(value), read.from)
    : unknown('/proc/stat has no btime line', read.from);
}

export function initFacts(out: CollectorOutput): HostFacts['init'] {
  const pid1 = fileLine(out, 'pid1', '/proc/1/comm');
  const pid1Name: Fact<string> = !pid1.known
    ? pid1
    : pid1.value === null
      ? unknown('/proc/1/comm does not exist', pid1.from)
      : known(pid1.value, pid1.from);
  return { pid1: pid1Name, system: initSystem(out, pid1Name) };
}

/**
 * systemd when PID 1 is systemd or `/run/systemd/system` exists (sd_booted);
 * upstart when PID 1 is `init` and `initctl version` says upstart; sysvinit
 * for another `init`.
 */
function initSystem(out: CollectorOutput, pid1: Fact<string>): HostFacts['init']['system'] {
  const runSystemd = pathExists(out, '/run/systemd/system');
  if (pid1.known && pid1.value === 'systemd') return known('systemd', pid1.from);
  if (runSystemd.known && runSystemd.value) return known('systemd', runSystemd.from);
  if (!pid1.known) return unknown(`PID 1 is unknown: ${pid1.reason}`);
  if (pid1.value !== 'init') return known('other', pid1.from);
  const initctl = readSection(out, 'initctl-version');
  if (initctl.ok && /upstart/i.test(initctl.section.lines.join(' '))) {
    return known('upstart', initctl.from);
  }
  return known('sysvinit', pid1.from);
}

export function virtualizationFacts(out: CollectorOutput): HostFacts['virtualization'] {
  const dmi = pathExists(out, '/sys/class/dmi/id');
  return {
    hypervisorType: fileLine(out, 'hypervisor', '/sys/hypervisor/type'),
    dmiPresent: dmi,
    dmiVendor: fileLine(out, 'dmi-vendor', '/sys/class/dmi/id/sys_vendor'),
    uefi: pathExists(out, '/sys/firmware/efi'),
  };
}
