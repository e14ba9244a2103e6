/**
 * Reads a waiver file (YAML, or JSON, which is YAML too) and validates it, failing fast with the
 * path, line and column of every problem. The same function runs when the stack is packaged
 * (scripts/waivers-esbuild-plugin.mjs) and when a function or the CLI loads the file.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { RULES } from '../rules/index';
import { type Waiver, waiverFileSchema } from './schema';
import { WaiverFileError, type WaiverFileProblem } from './waiver-file-error';

type Path = readonly PropertyKey[];

const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.id));

/**
 * Parses and validates the waiver file `text`, read from `path` (used in messages only).
 *
 * @param ruleIds - rule ids a waiver may name (default: every rule in the registry).
 * @throws WaiverFileError listing every problem with its line and column.
 * @example
 * parseWaiverFile(await readFile('waivers.yml', 'utf8'), 'waivers.yml');
 * // [{ rule: 'image-hvm', match: { computeEnvironment: 'legacy-*' }, reason: '…', … }]
 */
export function parseWaiverFile(
  text: string,
  path: string,
  ruleIds: ReadonlySet<string> = KNOWN_RULE_IDS,
): Waiver[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  const at = (offset: number) => lineCounter.linePos(offset);

  if (document.errors.length > 0) {
    throw new WaiverFileError(
      path,
      document.errors.map((error) => {
        const { line, col } = error.linePos?.[0] ?? at(error.pos[0]);
        return { line, column: col, field: '', message: firstLine(error.message) };
      }),
    );
  }

  const result = waiverFileSchema.safeParse(document.toJS());
  const problems: WaiverFileProblem[] = result.success
    ? unknownRules(result.data.waivers, ruleIds).map(({ path: field, message }) =>
        locate(document, at, field, message),
      )
    : result.error.issues.map((issue) => locateIssue(document, at, issue));
  if (problems.length > 0 || !result.success) throw new WaiverFileError(path, problems);
  return result.data.waivers;
}

function unknownRules(waivers: readonly Waiver[], ruleIds: ReadonlySet<string>) {
  return waivers.flatMap((waiver, i) =>
    ruleIds.has(waiver.rule)
      ? []
      : [
          {
            path: ['waivers', i, 'rule'] as Path,
            message: `unknown rule "${waiver.rule}" (batch-ami-audit rules lists them)`,
          },
        ],
  );
}

type Document = ReturnType<typeof parseDocument>;
type At = (offset: number) => { line: number; col: number };

function locateIssue(document: Document, at: At, issue: z.core.$ZodIssue): WaiverFileProblem {
  const message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'unrecognized_keys') {
    // Point at the first unknown key itself, not at the object that holds it.
    const [key] = issue.keys;
    const keyPath = [...issue.path, key ?? ''];
    return locate(document, at, keyPath, `unknown key "${key}" (${issue.keys.join(', ')})`, true);
  }
  return locate(document, at, issue.path, message);
}

/** The problem at `path`, located at the deepest node of the path that exists. */
function locate(
  document: Document,
  at: At,
  path: Path,
  message: string,
  atKey = false,
): WaiverFileProblem {
  const offset = offsetOf(document, path, atKey);
  const { line, col } = offset === undefined ? { line: 1, col: 1 } : at(offset);
  return { line, column: col, field: fieldName(path), message };
}

function offsetOf(document: Document, path: Path, atKey: boolean): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    if (atKey && depth === path.length) {
      const parent =
        prefix.length > 1 ? document.getIn(prefix.slice(0, -1), true) : document.contents;
      const pair = isMap(parent)
        ? parent.items.find(
            (item) => isPair(item) && isScalar(item.key) && item.key.value === prefix.at(-1),
          )
        : undefined;
      const keyNode = pair && isScalar(pair.key) ? pair.key : undefined;
      if (keyNode?.range) return keyNode.range[0];
      continue;
    }
    const node = prefix.length === 0 ? document.contents : document.getIn(prefix, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range[0];
  }
  return undefined;
}

/** `waivers[1].match.account`: how a person would name the field. */
function fieldName(path: Path): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
