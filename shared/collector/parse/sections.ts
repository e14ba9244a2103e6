/**
 * Looking up sections, and turning a section that cannot be trusted (absent,
 * cut off, truncated) into an Unknown whose reason names the section.
 */
import { type Provenance, type Unknown, unknown } from '../../core/fact';
import type { CollectorOutput, RawSection } from './framing';

const EXCERPT_CHARS = 200;

export type SectionRead =
  | { readonly ok: true; readonly section: RawSection; readonly from: Provenance }
  | { readonly ok: false; readonly unknown: Unknown };

/** The last section with this id (and this source, when given). */
export function findSection(
  out: CollectorOutput,
  id: string,
  source?: string,
): RawSection | undefined {
  return out.sections.findLast(
    (section) => section.id === id && (source === undefined || section.source === source),
  );
}

/** Every section with this id, in output order. */
export function findSections(out: CollectorOutput, id: string): RawSection[] {
  return out.sections.filter((section) => section.id === id);
}

/**
 * True when every section the collector prints before `id` is present: `id`
 * itself, which the collector always prints, is there (it prints in a fixed
 * order, and stops for good once its output limit is reached).
 */
export function reached(out: CollectorOutput, id: string): boolean {
  return findSection(out, id) !== undefined;
}

/** Why the section `label` is not in the output. */
export function absentReason(out: CollectorOutput, label: string): string {
  if (!out.complete) {
    return `the collector output ends before the ${label} section (output incomplete)`;
  }
  if (out.droppedSections > 0) {
    return `the ${label} section was left out: the collector reached its 24,000-character output limit`;
  }
  return `the collector output has no ${label} section`;
}

/**
 * The section, when its content can be read as complete: present, closed by
 * its end line, and not truncated. Otherwise an Unknown saying which of those failed.
 */
export function readSection(out: CollectorOutput, id: string, source?: string): SectionRead {
  const label = source ? `'${id}' (${source})` : `'${id}'`;
  const section = findSection(out, id, source);
  if (!section) return { ok: false, unknown: unknown(absentReason(out, label)) };
  return checkSection(section);
}

/** Whether a section found by other means can be read as complete. */
export function checkSection(section: RawSection): SectionRead {
  const label = `'${section.id}' (${section.source})`;
  if (section.status === null) {
    return {
      ok: false,
      unknown: unknown(`the output ends inside the ${label} section (output incomplete)`, {
        source: section.source,
        truncated: true,
      }),
    };
  }
  if (section.truncatedBytes > 0) {
    return {
      ok: false,
      unknown: unknown(
        `the collector truncated the ${label} section (${section.truncatedBytes} bytes dropped), so it cannot be read as complete`,
        { source: section.source, exitStatus: section.status, truncated: true },
      ),
    };
  }
  return { ok: true, section, from: provenanceOf(section) };
}

/** Provenance citing a section, with an excerpt of its content (or of `excerpt`). */
export function provenanceOf(section: RawSection, excerpt?: string): Provenance {
  const text = clip(excerpt ?? section.lines.slice(0, 3).join('\n'));
  return {
    source: section.source,
    ...(section.status === null ? {} : { exitStatus: section.status }),
    ...(text === '' ? {} : { excerpt: text }),
  };
}

/** Human label of a section that was cut short, for `collector.truncatedSections`. */
export function truncatedSectionLabels(out: CollectorOutput): string[] {
  const counts = new Map<string, number>();
  for (const section of out.sections) counts.set(section.id, (counts.get(section.id) ?? 0) + 1);
  return out.sections
    .filter((section) => section.status === null || section.truncatedBytes > 0)
    .map((section) =>
      (counts.get(section.id) ?? 0) > 1 ? `${section.id} (${section.source})` : section.id,
    );
}

/** The first non-blank line of a section, trimmed; '' when there is none. */
export function firstLine(section: RawSection): string {
  return section.lines.find((line) => line.trim() !== '')?.trim() ?? '';
}

/** The whole content of a section as one string. */
export function textOf(section: RawSection): string {
  return section.lines.join('\n');
}

function clip(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}
