/** ECS agent facts: how it is installed and started, its config, its state on disk. */
import { z } from 'zod';
import { type Fact, known, unknown } from '../../core/fact';
import type { EnvFile, HostFacts } from '../../core/host-facts';
import { agentContainers } from './agent-containers';
import type { CollectorOutput } from './framing';
import { installedPackage, pathExists } from './inventory';
import { firstLine, readSection, textOf } from './sections';
import { agentServices } from './services';
import { parseEnvFile, tryParseJson } from './text';

type EcsFacts = HostFacts['ecs'];

const metadataSchema = z
  .object({
    Version: z.string().nullish(),
    Cluster: z.string().nullish(),
    ContainerInstanceArn: z.string().nullish(),
  })
  .loose();

/**
 * Exit statuses that mean nothing answers on 127.0.0.1:51678 — curl: 7 could not
 * connect, 28 timed out, 52 empty reply, 56 connection reset; wget: 4 network failure.
 */
const NOTHING_ANSWERS: Record<'curl' | 'wget', readonly number[]> = {
  curl: [7, 28, 52, 56],
  wget: [4],
};

const gpuInfoSchema = z
  .object({
    DriverVersion: z.string().nullish(),
    GPUIDs: z.array(z.string()).nullish(),
  })
  .loose();

export function ecsFacts(out: CollectorOutput): EcsFacts {
  const containers = agentContainers(out);
  return {
    ecsInitPackage: installedPackage(out, ['ecs-init', 'amazon-ecs-init']),
    ecsInitBinary: pathExists(out, '/usr/libexec/amazon-ecs-init'),
    services: agentServices(out, containers),
    agentContainers: containers,
    cachedAgentImages: cachedAgentImages(out),
    introspection: introspection(out),
    etcConfig: envFile(out, '/etc/ecs/ecs.config'),
    varLibConfig: envFile(out, '/var/lib/ecs/ecs.config'),
    jsonConfig: jsonConfig(out),
    checkpointFiles: checkpointFiles(out),
    gpuInfo: gpuInfo(out),
  };
}

/** `ecs-agent-v1.106.1.tar` and the `ecs-agent.tar` link in `/var/cache/ecs`. */
function cachedAgentImages(out: CollectorOutput): Fact<string[]> {
  const read = readSection(out, 'ecs-cache');
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known([], read.from);
  if (read.section.status !== 0) return unknown('/var/cache/ecs could not be listed', read.from);
  const images = read.section.lines
    .map((line) => line.slice(2))
    .filter((name) => /^ecs-agent.*\.tar$/.test(name));
  return known(images, read.from);
}

/** The agent's `/v1/metadata`; null when nothing answers on 127.0.0.1:51678. */
function introspection(out: CollectorOutput): EcsFacts['introspection'] {
  const read = readSection(out, 'introspection');
  if (!read.ok) return read.unknown;
  const { section, from } = read;
  if (section.status === 127) {
    return unknown('neither curl nor wget is installed, so the agent could not be asked', from);
  }
  const tool = section.source.startsWith('cmd:wget') ? 'wget' : 'curl';
  if (section.status !== 0) {
    if (NOTHING_ANSWERS[tool].includes(section.status ?? -1)) return known(null, from);
    return unknown(`${tool} failed (exit ${section.status}): ${firstLine(section)}`, from);
  }
  const parsed = tryParseJson(textOf(section));
  const metadata = parsed.ok ? metadataSchema.safeParse(parsed.value) : undefined;
  if (!metadata?.success) {
    return unknown(
      `the introspection endpoint answered something that is not agent metadata: ${firstLine(section)}`,
      from,
    );
  }
  return known(
    {
      version: metadata.data.Version ?? null,
      cluster: metadata.data.Cluster ?? null,
      containerInstanceArn: metadata.data.ContainerInstanceArn ?? null,
    },
    from,
  );
}

function envFile(out: CollectorOutput, path: string): Fact<EnvFile | null> {
  const read = readSection(out, 'ecs-config', `file:${path}`);
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known(null, read.from);
  if (read.section.status !== 0) return unknown(`${path} exists but could not be read`, read.from);
  return known(parseEnvFile(path, read.section.lines), read.from);
}

/** `/etc/ecs/ecs.config.json`; null when absent or empty (the official AMIs ship it empty). */
function jsonConfig(out: CollectorOutput): EcsFacts['jsonConfig'] {
  const read = readSection(out, 'ecs-config-json');
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known(null, read.from);
  if (read.section.status !== 0)
    return unknown('/etc/ecs/ecs.config.json could not be read', read.from);
  const text = textOf(read.section).trim();
  if (text === '') return known(null, read.from);
  const parsed = tryParseJson(text);
  if (!parsed.ok)
    return unknown(`/etc/ecs/ecs.config.json is not valid JSON: ${parsed.error}`, read.from);
  const object = z.record(z.string(), z.unknown()).safeParse(parsed.value);
  if (!object.success) return unknown('/etc/ecs/ecs.config.json is not a JSON object', read.from);
  return known(object.data, read.from);
}

/** Files in `/var/lib/ecs/data` with their mtimes (`<epoch> ./<name>`, or `- ./<name>`). */
function checkpointFiles(out: CollectorOutput): EcsFacts['checkpointFiles'] {
  const read = readSection(out, 'checkpoints');
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known([], read.from);
  if (read.section.status !== 0) return unknown('/var/lib/ecs/data could not be listed', read.from);
  const files = read.section.lines.flatMap((line) => {
    const match = /^(\d+|-) \.\/(.+)$/.exec(line);
    if (!match?.[2]) return [];
    return [
      {
        path: `/var/lib/ecs/data/${match[2]}`,
        modifiedAt: match[1] === '-' ? null : Number(match[1]),
      },
    ];
  });
  return known(files, read.from);
}

/** `/var/lib/ecs/gpu/nvidia-gpu-info.json`, written by ecs-init when GPU support is on. */
function gpuInfo(out: CollectorOutput): EcsFacts['gpuInfo'] {
  const read = readSection(out, 'gpu-info');
  if (!read.ok) return read.unknown;
  if (read.section.status === 1) return known(null, read.from);
  if (read.section.status !== 0)
    return unknown('nvidia-gpu-info.json could not be read', read.from);
  const parsed = tryParseJson(textOf(read.section));
  const info = parsed.ok ? gpuInfoSchema.safeParse(parsed.value) : undefined;
  if (!info?.success)
    return unknown('nvidia-gpu-info.json is not the JSON ecs-init writes', read.from);
  return known(
    { driverVersion: info.data.DriverVersion ?? null, gpuIds: info.data.GPUIDs ?? [] },
    read.from,
  );
}
