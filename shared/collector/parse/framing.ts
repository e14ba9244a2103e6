/**
 * Splits raw collector output into its framed sections (see docs/collector.md).
 * Knows nothing about what a section means; the fact builders beside it do.
 */
import { CollectorOutputError } from '../../errors';

/** The collector output versions this parser reads. */
export const SUPPORTED_COLLECTOR_VERSIONS: readonly string[] = ['1'];

const HEADER = /^@@@ batch-ami-auditor collector (\S+)(.*)$/;
const BEGIN = /^@@ begin (\S+) ?(.*)$/;
const END = /^@@ end (\S+) status=(-?\d+)(?: truncated=(\d+))?\s*$/;
const FINAL = /^@@@ end(?: dropped=(\d+))?\s*$/;

/** One section as the collector printed it. */
export interface RawSection {
  readonly id: string;
  /** What was read: `file:/etc/os-release`, `cmd:uname -r`, `dir:/var/cache/ecs`, … */
  readonly source: string;
  /** Exit status from the end line; null when the output ends inside the section. */
  readonly status: number | null;
  /** Bytes the collector dropped to keep the section within its cap (0: none). */
  readonly truncatedBytes: number;
  /** Content lines, without their `|` prefix. */
  readonly lines: readonly string[];
}

export interface CollectorOutput {
  readonly version: string;
  readonly root: string;
  readonly startedAt?: string;
  readonly sections: readonly RawSection[];
  /** The final `@@@ end` line was seen. */
  readonly complete: boolean;
  /** Sections the collector left out because its output limit was reached. */
  readonly droppedSections: number;
}

interface OpenSection {
  id: string;
  source: string;
  lines: string[];
}

/**
 * Reads the framing. Throws {@link CollectorOutputError} only when the text is
 * not collector output at all or comes from an unsupported collector version;
 * anything cut short is returned as it is, for the fact builders to mark unknown.
 */
export function readFraming(raw: string): CollectorOutput {
  const lines = raw.replace(/\r\n/g, '\n').split('\n');
  // Whatever a shell profile or SSM printed before the header is not ours.
  const start = lines.findIndex((line) => HEADER.test(line));
  if (start < 0) {
    throw new CollectorOutputError(
      raw.trim() === ''
        ? 'input is not batch-ami-auditor collector output: it is empty'
        : 'input is not batch-ami-auditor collector output: no header line',
    );
  }
  const header = parseHeader(lines[start] ?? '');
  const sections: RawSection[] = [];
  let open: OpenSection | undefined;
  let complete = false;
  let droppedSections = 0;

  const closeCutOff = () => {
    if (open) sections.push({ ...open, status: null, truncatedBytes: 0 });
    open = undefined;
  };

  for (const line of lines.slice(start + 1)) {
    if (open && line.startsWith('|')) {
      open.lines.push(line.slice(1));
      continue;
    }
    const begin = BEGIN.exec(line);
    if (begin) {
      closeCutOff();
      open = { id: begin[1] ?? '', source: begin[2] ?? '', lines: [] };
      continue;
    }
    const end = END.exec(line);
    if (end && open && end[1] === open.id) {
      sections.push({
        ...open,
        status: Number(end[2]),
        truncatedBytes: Number(end[3] ?? 0),
      });
      open = undefined;
      continue;
    }
    const final = FINAL.exec(line);
    if (final) {
      closeCutOff();
      complete = true;
      droppedSections = Number(final[1] ?? 0);
      break;
    }
    // Anything else (a stray shell message) carries no facts and is skipped.
  }
  closeCutOff();
  return { ...header, sections, complete, droppedSections };
}

function parseHeader(line: string): Pick<CollectorOutput, 'version' | 'root' | 'startedAt'> {
  const match = HEADER.exec(line);
  const version = match?.[1] ?? '';
  if (!SUPPORTED_COLLECTOR_VERSIONS.includes(version)) {
    throw new CollectorOutputError(
      `unsupported collector version "${version}": this parser reads version ${SUPPORTED_COLLECTOR_VERSIONS.join(', ')}`,
    );
  }
  const rest = match?.[2] ?? '';
  // root= is last and runs to the end of the line, so a root may hold spaces.
  const root = /\broot=(.*)$/.exec(rest)?.[1] ?? '/';
  const startedAt = /\bstarted=(\S*)/.exec(rest)?.[1];
  return startedAt ? { version, root, startedAt } : { version, root };
}
