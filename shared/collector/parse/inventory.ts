/**
 * The host inventory sections several fact groups share: which paths exist,
 * which commands are on PATH, which daemons run, which packages are installed.
 */
import { type Fact, known, type Provenance, type Unknown, unknown } from '../../core/fact';
import type { InstalledPackage } from '../../core/host-facts';
import type { CollectorOutput } from './framing';
import { readSection } from './sections';

/** Whether `path` exists on the host (the `paths` section). */
export function pathExists(out: CollectorOutput, path: string): Fact<boolean> {
  const read = readSection(out, 'paths');
  if (!read.ok) return read.unknown;
  const line = read.section.lines.find((l) => l.slice(2) === path);
  if (!line) return unknown(`the collector did not check ${path}`, read.from);
  const exists = !line.startsWith('-');
  return known(exists, { source: `file:${path}`, exitStatus: exists ? 0 : 1, excerpt: line });
}

/** Where `name` is on PATH, or null when it is not there (the `commands` section). */
export function commandPath(out: CollectorOutput, name: string): Fact<string | null> {
  const read = readSection(out, 'commands');
  if (!read.ok) return read.unknown;
  const line = read.section.lines.find((l) => l.split(' ')[0] === name);
  if (!line) return unknown(`the collector did not look for the ${name} command`, read.from);
  const path = line.slice(name.length + 1).trim();
  const found = path !== '-' && path !== '';
  return known(found ? path : null, {
    source: `cmd:command -v ${name}`,
    exitStatus: found ? 0 : 1,
    excerpt: line,
  });
}

/** Whether a process with this name (as `/proc/<pid>/comm` shows it) runs. */
export function processRunning(out: CollectorOutput, comm: string): Fact<boolean> {
  const read = readSection(out, 'processes');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    return unknown('the process list could not be read (no /proc/<pid>/comm)', read.from);
  }
  const line = read.section.lines.find((l) => l.trim().split(/\s+/)[1] === comm);
  return known(line !== undefined, { ...read.from, excerpt: line?.trim() ?? `no ${comm}` });
}

/**
 * The first of `names` installed by rpm or dpkg, null when none is, unknown
 * when neither package manager could be asked.
 */
export function installedPackage(
  out: CollectorOutput,
  names: readonly string[],
): Fact<InstalledPackage | null> {
  const reasons: string[] = [];
  let notInstalled: Provenance | undefined;
  for (const manager of ['rpm', 'dpkg'] as const) {
    const result = queryManager(out, manager, names);
    if ('reason' in result) {
      reasons.push(result.reason.reason);
      continue;
    }
    if (result.found) return known(result.found, result.from);
    notInstalled ??= result.from;
  }
  if (notInstalled) return known(null, notInstalled);
  return unknown(`installed packages could not be listed: ${reasons.join('; ')}`);
}

type ManagerResult = { reason: Unknown } | { found: InstalledPackage | null; from: Provenance };

function queryManager(
  out: CollectorOutput,
  manager: 'rpm' | 'dpkg',
  names: readonly string[],
): ManagerResult {
  const read = readSection(out, manager);
  if (!read.ok) return { reason: read.unknown };
  if (read.section.status === 127) {
    return { reason: unknown(`${manager === 'rpm' ? 'rpm' : 'dpkg-query'} is not installed`) };
  }
  for (const name of names) {
    for (const line of read.section.lines) {
      const found = manager === 'rpm' ? rpmLine(line, name) : dpkgLine(line, name);
      if (found) return { found, from: { ...read.from, excerpt: line } };
    }
  }
  const listed = read.section.lines.some((line) =>
    manager === 'rpm'
      ? /^package \S+ is not installed/.test(line) || /^\S+ \S+ \S+$/.test(line)
      : /no packages found matching/.test(line) || /^\S+ \S+ \S+/.test(line),
  );
  if (!listed) {
    return {
      reason: unknown(
        `${manager} could not list packages (exit ${read.section.status})`,
        read.from,
      ),
    };
  }
  const mentions = read.section.lines.filter((line) =>
    names.some((name) => line.includes(` ${name}`)),
  );
  return { found: null, from: { ...read.from, excerpt: mentions.join('\n') } };
}

/** `ecs-init 1.106.1-1.amzn2023 x86_64` (rpm -q --qf '%{NAME} %{VERSION}-%{RELEASE} %{ARCH}'). */
function rpmLine(line: string, name: string): InstalledPackage | undefined {
  const [pkg, version] = line.trim().split(/\s+/);
  return pkg === name && version ? { name, version, manager: 'rpm' } : undefined;
}

/** `amazon-ecs-init 1.106.1-1 ii ` (${Package} ${Version} ${db:Status-Abbrev}). */
function dpkgLine(line: string, name: string): InstalledPackage | undefined {
  const [pkg, version, status] = line.trim().split(/\s+/);
  // ii: installed; hi: installed and held. rc (removed, config kept) is not installed.
  const installed = status === 'ii' || status === 'hi';
  return pkg === name && version && installed ? { name, version, manager: 'dpkg' } : undefined;
}
