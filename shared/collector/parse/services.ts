/**
 * The units and jobs that start the ECS agent: `ecs.service` (ecs-init), the
 * upstart job `/etc/init/ecs.conf` (Amazon Linux 1), and hand-written units that
 * `docker run` the agent image.
 */
import { type Fact, type Known, known, type Provenance, unknown } from '../../core/fact';
import type { ContainerSummary, ServiceDefinition } from '../../core/host-facts';
import type { CollectorOutput, RawSection } from './framing';
import { processRunning } from './inventory';
import {
  absentReason,
  checkSection,
  findSections,
  firstLine,
  provenanceOf,
  reached,
} from './sections';
import {
  isActiveState,
  isEnabledState,
  loadedUnit,
  systemctlStates,
  type UnitState,
  wantedAtBoot,
} from './systemd';
import { type KeyValue, parseSystemdEnvironment } from './text';

/** Unit directories, highest precedence first (systemd's own order). */
const UNIT_DIRS = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
];

/** Where the collector looks for units and jobs that start the agent. */
const SEARCHED_DIRS = '/etc/systemd/system /usr/lib/systemd/system /lib/systemd/system /etc/init';

/** The section printed right after the last unit and job, proving none is missing. */
const AFTER_SERVICES = 'docker-version';

/** Every unit and job that starts the agent, with how it is started. */
export function agentServices(
  out: CollectorOutput,
  agentContainers: Fact<ContainerSummary[]>,
): Fact<ServiceDefinition[]> {
  if (!reached(out, AFTER_SERVICES)) {
    return unknown(absentReason(out, 'systemd unit and upstart job'));
  }
  const units = findSections(out, 'unit');
  const jobs = findSections(out, 'upstart');
  for (const section of [...units, ...jobs]) {
    const read = checkSection(section);
    if (!read.ok) return read.unknown;
  }
  const states = systemctlStates(out);
  const context = { out, states, agentContainers };
  const services = [
    ...groupUnits(units).map((group) => systemdService(group, context)),
    ...jobs.map((job) => upstartJob(job, context)),
  ];
  return known(services, {
    source: `dir:${SEARCHED_DIRS}`,
    excerpt:
      services.length > 0
        ? services.map((service) => service.path).join(' ')
        : 'no unit or job starts the agent',
  });
}

interface Context {
  readonly out: CollectorOutput;
  readonly states: Fact<ReadonlyMap<string, UnitState>>;
  readonly agentContainers: Fact<ContainerSummary[]>;
}

interface UnitGroup {
  readonly name: string;
  /** The unit file systemd uses (the highest-precedence directory). */
  readonly main: RawSection | undefined;
  readonly dropIns: RawSection[];
}

function pathOf(section: RawSection): string {
  return section.source.replace(/^file:/, '');
}

function groupUnits(sections: readonly RawSection[]): UnitGroup[] {
  const byName = new Map<string, { mains: RawSection[]; dropIns: RawSection[] }>();
  for (const section of sections) {
    const path = pathOf(section);
    const dropIn = /\/([^/]+)\.d\/[^/]+\.conf$/.exec(path);
    const name = dropIn?.[1] ?? path.slice(path.lastIndexOf('/') + 1);
    const group = byName.get(name) ?? { mains: [], dropIns: [] };
    (dropIn ? group.dropIns : group.mains).push(section);
    byName.set(name, group);
  }
  return [...byName].map(([name, { mains, dropIns }]) => ({
    name,
    main: mains.sort((a, b) => dirRank(pathOf(a)) - dirRank(pathOf(b)))[0],
    dropIns: dropIns.sort((a, b) => basename(pathOf(a)).localeCompare(basename(pathOf(b)))),
  }));
}

function dirRank(path: string): number {
  const rank = UNIT_DIRS.findIndex((dir) => path.startsWith(`${dir}/`));
  return rank < 0 ? UNIT_DIRS.length : rank;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface ServiceDirectives {
  exec: string[];
  environmentFiles: string[];
  environment: KeyValue[];
  restart: string | undefined;
  /** `Wants=`/`Requires=`/`BindsTo=` lines: units started whenever this one is. */
  pulls: string[];
}

const PULLING_DEPENDENCIES = new Set(['Wants', 'Requires', 'BindsTo']);

/** Applies the [Service] directives of one file; an empty value resets a list, as in systemd. */
function applyUnitFile(lines: readonly string[], into: ServiceDirectives): void {
  let section = '';
  for (const line of joinContinuations(lines)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const key = trimmed.slice(0, eq).trim();
    const value = trimmed.slice(eq + 1).trim();
    if (section === 'Unit' && PULLING_DEPENDENCIES.has(key)) into.pulls.push(trimmed);
    if (section !== 'Service') continue;
    if (key === 'ExecStart') into.exec = value === '' ? [] : [...into.exec, value];
    else if (key === 'EnvironmentFile')
      into.environmentFiles = value === '' ? [] : [...into.environmentFiles, value];
    else if (key === 'Environment')
      into.environment =
        value === '' ? [] : [...into.environment, ...parseSystemdEnvironment(value)];
    else if (key === 'Restart') into.restart = value;
  }
}

/** systemd joins a line ending in a backslash with the next one (indentation collapsed here). */
function joinContinuations(lines: readonly string[]): string[] {
  const joined: string[] = [];
  let pending: string | undefined;
  for (const line of lines) {
    const part = pending === undefined ? line : `${pending} ${line.trim()}`;
    if (part.endsWith('\\')) {
      pending = part.slice(0, -1).trimEnd();
      continue;
    }
    joined.push(part);
    pending = undefined;
  }
  if (pending !== undefined) joined.push(pending);
  return joined;
}

function readUnit(group: UnitGroup): { directives: ServiceDirectives; primary: RawSection } {
  const directives: ServiceDirectives = {
    exec: [],
    environmentFiles: [],
    environment: [],
    restart: undefined,
    pulls: [],
  };
  const files = [...(group.main ? [group.main] : []), ...group.dropIns];
  for (const file of files) applyUnitFile(file.lines, directives);
  return { directives, primary: files[0] as RawSection };
}

/** systemd's UnitFileState when systemd knows the unit, else a `*.wants/` link. */
function unitEnabledAtBoot(
  group: UnitGroup,
  out: CollectorOutput,
  states: Fact<ReadonlyMap<string, UnitState>>,
): Fact<boolean> {
  const state = loadedUnit(states, group.name);
  return state
    ? known(isEnabledState(state), systemctlFrom(states, group.name, 'UnitFileState', state))
    : wantedAtBoot(out, group.name);
}

/**
 * Units among those that start the agent which are enabled at boot and pull
 * `unit` in (`Wants=docker.service` in ecs.service): `unit` starts at boot with
 * them even when it is not enabled itself, as docker.service on the ECS AMIs.
 */
export function enabledUnitsPulling(out: CollectorOutput, unit: string): Known<boolean>[] {
  if (!reached(out, AFTER_SERVICES)) return [];
  const units = findSections(out, 'unit').filter((section) => checkSection(section).ok);
  const states = systemctlStates(out);
  return groupUnits(units).flatMap((group) => {
    const { directives, primary } = readUnit(group);
    const line = directives.pulls.find((pull) =>
      pull
        .slice(pull.indexOf('=') + 1)
        .trim()
        .split(/\s+/)
        .includes(unit),
    );
    const enabled = unitEnabledAtBoot(group, out, states);
    if (!line || !enabled.known || !enabled.value) return [];
    return [known(true, provenanceOf(primary, `${line} (${group.name} is enabled at boot)`))];
  });
}

function systemdService(group: UnitGroup, context: Context): ServiceDefinition {
  const { directives, primary } = readUnit(group);
  const state = loadedUnit(context.states, group.name);
  const restartPolicy = directives.restart ?? 'no';
  return {
    name: group.name,
    path: pathOf(primary),
    manager: 'systemd',
    exec: directives.exec,
    environmentFiles: directives.environmentFiles,
    environment: directives.environment,
    enabledAtBoot: unitEnabledAtBoot(group, context.out, context.states),
    active: state
      ? known(isActiveState(state), systemctlFrom(context.states, group.name, 'ActiveState', state))
      : activeWithoutSystemd(directives.exec, context),
    restarts: known(restartPolicy !== 'no' && restartPolicy !== '', {
      ...provenanceOf(primary, `Restart=${restartPolicy}`),
    }),
  };
}

function systemctlFrom(
  states: Fact<ReadonlyMap<string, UnitState>>,
  unit: string,
  property: string,
  state: UnitState,
): Provenance {
  const from = states.known ? states.from : { source: 'cmd:systemctl show' };
  return { ...from, excerpt: `${unit}: ${property}=${state.get(property) ?? ''}` };
}

/**
 * Whether the agent a unit starts runs, judged without systemd: an ecs-init
 * process, or a running agent container.
 */
function activeWithoutSystemd(exec: readonly string[], context: Context): Fact<boolean> {
  const command = exec.join(' ');
  if (command.includes('amazon-ecs-init')) {
    return processRunning(context.out, 'amazon-ecs-init');
  }
  if (/\bdocker\b/.test(command) && context.agentContainers.known) {
    const running = context.agentContainers.value.some((c) => c.running);
    return known(running, context.agentContainers.from);
  }
  const why = context.states.known ? 'systemd does not know the unit' : context.states.reason;
  return unknown(`whether the unit runs is unknown: ${why}`);
}

function upstartJob(section: RawSection, context: Context): ServiceDefinition {
  const exec: string[] = [];
  const environment: KeyValue[] = [];
  let startOn: string | undefined;
  let manual = false;
  let respawn = false;
  let inScript = false;
  for (const raw of section.lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (inScript) {
      if (line === 'end script') inScript = false;
      else exec.push(line);
      continue;
    }
    if (line === 'script') inScript = true;
    else if (line.startsWith('exec ')) exec.push(line);
    else if (line.startsWith('start on ')) startOn = line;
    else if (line === 'manual') manual = true;
    else if (/^respawn\s*$/.test(line)) respawn = true;
    else if (line.startsWith('env ')) {
      const assignment = line.slice(4).trim();
      const eq = assignment.indexOf('=');
      if (eq > 0)
        environment.push({ key: assignment.slice(0, eq), value: assignment.slice(eq + 1) });
    }
  }
  const path = pathOf(section);
  const name = basename(path).replace(/\.conf$/, '');
  return {
    name,
    path,
    manager: 'upstart',
    exec,
    environmentFiles: [],
    environment,
    enabledAtBoot: known(
      startOn !== undefined && !manual,
      provenanceOf(section, startOn ?? 'no "start on" stanza'),
    ),
    active: upstartActive(name, context),
    restarts: known(respawn, provenanceOf(section, respawn ? 'respawn' : 'no "respawn" stanza')),
  };
}

function upstartActive(job: string, context: Context): Fact<boolean> {
  const status = findSections(context.out, 'initctl-status').find(
    (section) => section.source === `cmd:initctl status ${job}`,
  );
  if (status && status.status === 0 && status.truncatedBytes === 0) {
    const line = firstLine(status);
    if (/start\/running/.test(line)) return known(true, provenanceOf(status));
    if (/\b(stop|start)\/\w+/.test(line)) return known(false, provenanceOf(status));
  }
  return processRunning(context.out, 'amazon-ecs-init');
}
