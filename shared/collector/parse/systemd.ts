/**
 * What systemd says about units: `systemctl show` when systemd answers, the
 * `*.wants/` links on disk when it does not (an image inspected offline, a
 * container without systemd as PID 1).
 */
import { type Fact, known, unknown } from '../../core/fact';
import type { CollectorOutput } from './framing';
import { firstLine, readSection } from './sections';

/** The properties `systemctl show` printed for one unit. */
export type UnitState = ReadonlyMap<string, string>;

/** Unit file states that make a unit start at boot by itself. */
const ENABLED_STATES = new Set(['enabled', 'enabled-runtime', 'alias', 'generated']);

/**
 * `systemctl show` blocks by unit name; unknown when systemctl is missing or
 * systemd did not answer (e.g. "System has not been booted with systemd").
 */
export function systemctlStates(out: CollectorOutput): Fact<ReadonlyMap<string, UnitState>> {
  const read = readSection(out, 'systemctl');
  if (!read.ok) return read.unknown;
  const { section } = read;
  if (section.status !== 0) {
    const why = section.status === 127 ? 'systemctl is not installed' : firstLine(section);
    return unknown(`systemd did not answer: ${why || `exit ${section.status}`}`, read.from);
  }
  const units = new Map<string, UnitState>();
  let current = new Map<string, string>();
  const flush = () => {
    const id = current.get('Id');
    if (id) units.set(id, current);
    current = new Map();
  };
  for (const line of section.lines) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) current.set(line.slice(0, eq), line.slice(eq + 1));
  }
  flush();
  return known(units, read.from);
}

/** The state of one unit, when systemd knows the unit (LoadState=loaded). */
export function loadedUnit(
  states: Fact<ReadonlyMap<string, UnitState>>,
  name: string,
): UnitState | undefined {
  if (!states.known) return undefined;
  const state = states.value.get(name);
  return state?.get('LoadState') === 'loaded' ? state : undefined;
}

/** Whether systemd's UnitFileState means the unit starts at boot. */
export function isEnabledState(state: UnitState): boolean {
  return ENABLED_STATES.has(state.get('UnitFileState') ?? '');
}

/** Whether systemd's ActiveState means the unit runs now. */
export function isActiveState(state: UnitState): boolean {
  const active = state.get('ActiveState');
  return active === 'active' || active === 'reloading';
}

/**
 * Enabled at boot by a `<target>.wants/<unit>` link (what `systemctl enable`
 * creates). Unknown when the links could not be listed.
 */
export function wantedAtBoot(out: CollectorOutput, unit: string): Fact<boolean> {
  const read = readSection(out, 'wants');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    return unknown('/etc/systemd/system does not exist, so no unit is enabled there', read.from);
  }
  const link = read.section.lines.find((line) => line.split(' ')[1] === unit);
  if (!link) return known(false, { ...read.from, excerpt: `no *.wants/${unit} link` });
  const [dir] = link.split(' ');
  return known(true, { source: `file:${dir}/${unit}`, exitStatus: 0, excerpt: link });
}

/** SysV start links in /etc/rc3.d for names containing `name` (Amazon Linux 1's chkconfig). */
export function sysvStartLink(out: CollectorOutput, name: string): Fact<boolean> {
  const read = readSection(out, 'rc-links');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) return unknown('/etc/rc3.d does not exist', read.from);
  const link = read.section.lines.find((line) => /^S\d+/.test(line) && line.includes(name));
  return known(link !== undefined, { ...read.from, excerpt: link ?? `no S*${name} link` });
}
