/** The ECS agent's containers: `docker ps -a` filtered by the collector, then `docker inspect`. */
import { type Fact, known, unknown } from '../../core/fact';
import type { ContainerSummary } from '../../core/host-facts';
import { isObject } from './docker-config';
import { answered, daemonDown, readDockerVersion } from './docker-output';
import type { CollectorOutput } from './framing';
import { commandPath } from './inventory';
import { checkSection, findSection, firstLine, readSection } from './sections';
import { tryParseJson } from './text';

/** The ECS agent's containers (`docker ps -a`, then `docker inspect`). */
export function agentContainers(out: CollectorOutput): Fact<ContainerSummary[]> {
  const cli = commandPath(out, 'docker');
  if (!cli.known) return cli;
  if (cli.value === null) return known([], cli.from);
  // No dockerd on this host: no local daemon, so no agent container can exist here.
  const daemon = commandPath(out, 'dockerd');
  if (daemon.known && daemon.value === null) return known([], daemon.from);
  const version = readDockerVersion(out);
  if (!answered(version)) return daemonDown(version, 'containers could not be listed: ');
  const read = readSection(out, 'docker-ps');
  if (!read.ok) return read.unknown;
  if (read.section.status !== 0) {
    return unknown(
      `docker ps failed: ${firstLine(read.section) || `exit ${read.section.status}`}`,
      read.from,
    );
  }
  const inspected = inspectDetails(out);
  const containers = read.section.lines.flatMap((line): ContainerSummary[] => {
    const [name, image, ...status] = line.trim().split(/\s+/);
    if (!name || !image) return [];
    const details = inspected.get(name);
    return [
      {
        name,
        image,
        running: status[0] === 'Up',
        ...(details?.restartPolicy ? { restartPolicy: details.restartPolicy } : {}),
        ...(details?.versionLabel ? { versionLabel: details.versionLabel } : {}),
      },
    ];
  });
  return known(containers, read.from);
}

/** `/<name> <restart policy> <labels JSON>` lines of `docker inspect`, by container name. */
function inspectDetails(
  out: CollectorOutput,
): Map<string, { restartPolicy?: string; versionLabel?: string }> {
  const details = new Map<string, { restartPolicy?: string; versionLabel?: string }>();
  const section = findSection(out, 'docker-inspect');
  if (!section || !checkSection(section).ok) return details;
  for (const line of section.lines) {
    const match = /^\/?(\S+)\s+(\S*)\s*(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    const labels = tryParseJson(match[3] ?? '');
    const labelMap = labels.ok && isObject(labels.value) ? labels.value : {};
    const versionKey = Object.keys(labelMap).find((key) => /version/i.test(key));
    const versionLabel = versionKey ? String(labelMap[versionKey]) : undefined;
    details.set(match[1], {
      ...(match[2] ? { restartPolicy: match[2] } : {}),
      ...(versionLabel ? { versionLabel } : {}),
    });
  }
  return details;
}
