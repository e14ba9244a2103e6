/**
 * The exceptions table of docs/security.md ("Writes on Resource *"), parsed, so the template
 * suite checks the stack against what the documentation says and the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SECURITY_DOC_PATH = fileURLToPath(
  new URL('../../../docs/security.md', import.meta.url),
);

/** The heading of the section whose table lists every write granted on `Resource: "*"`. */
export const EXCEPTIONS_HEADING = '## Writes on Resource *';

/** One row of the table: its roles and actions, and the two justifications. */
export interface DocumentedException {
  readonly roles: readonly string[];
  readonly actions: readonly string[];
  readonly whyNothingNarrower: string;
  readonly limitedBy: string;
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const ROLE = /^[A-Z][A-Za-z0-9]+$/;

/** Backticked words of a table cell. */
const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

/**
 * The rows of the exceptions table. Throws when the section or its table is missing, or a
 * row names something that is not a role or an action, so a broken table cannot allow anything.
 */
export function documentedExceptions(markdown = readFileSync(SECURITY_DOC_PATH, 'utf8')) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === EXCEPTIONS_HEADING);
  if (start < 0) throw new Error(`docs/security.md has no "${EXCEPTIONS_HEADING}" section`);
  const end = lines.findIndex((line, i) => i > start && /^#{1,6} /.test(line));
  const rows = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((line) => line.trim().startsWith('|'))
    .slice(2);
  if (rows.length === 0) throw new Error(`the "${EXCEPTIONS_HEADING}" section has no table rows`);
  return rows.map((row): DocumentedException => {
    const cells = row.trim().slice(1, -1).split('|');
    if (cells.length !== 4) throw new Error(`an exceptions row needs 4 cells: ${row}`);
    const [roles = '', actions = '', why = '', limits = ''] = cells;
    const exception = {
      roles: codeSpans(roles),
      actions: codeSpans(actions),
      whyNothingNarrower: why.trim(),
      limitedBy: limits.trim(),
    };
    const bad = [
      ...exception.roles.filter((r) => !ROLE.test(r)),
      ...exception.actions.filter((a) => !ACTION.test(a)),
    ];
    if (bad.length > 0 || exception.roles.length === 0 || exception.actions.length === 0) {
      throw new Error(`an exceptions row must name roles and actions in backticks: ${row}`);
    }
    return exception;
  });
}

/** Every documented exception as `<role> <action>`. */
export function documentedGrants(exceptions: readonly DocumentedException[]): string[] {
  return exceptions.flatMap((e) => e.roles.flatMap((role) => e.actions.map((a) => `${role} ${a}`)));
}
