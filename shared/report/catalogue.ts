/** The rule catalogue (`batch-ami-audit rules`): every rule's metadata, in each format. */
import type { Rule } from '../core/rule';
import { type Paint, PLAIN } from './paint';

/** What the catalogue publishes about a rule: its metadata, not its check. */
export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  readonly scope: Rule['scope'];
  readonly level: Rule['level'];
  readonly severity: Rule['severity'];
  readonly impact: string;
  readonly remediation: string;
  readonly specUrl: string;
}

export function catalogueOf(rules: readonly Rule[]): CatalogueEntry[] {
  return rules.map((r) => ({
    id: r.id,
    title: r.title,
    scope: r.scope,
    level: r.level,
    severity: r.severity,
    impact: r.impact,
    remediation: r.remediation,
    specUrl: r.spec.url,
  }));
}

const COLUMNS = ['id', 'level', 'severity', 'scope', 'title'] as const;

/** An aligned table for terminals: id, level, severity, scope, title. */
export function renderCatalogueText(rules: readonly Rule[], paint: Paint = PLAIN): string {
  const rows = catalogueOf(rules).map((entry) => COLUMNS.map((c) => entry[c]));
  const header = COLUMNS.map((c) => c.toUpperCase());
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  return `${[paint('bold', line(header)), ...rows.map(line)].join('\n')}\n`;
}

/** The catalogue as a JSON array, for tooling. */
export function renderCatalogueJson(rules: readonly Rule[]): string {
  return `${JSON.stringify(catalogueOf(rules), null, 2)}\n`;
}

/** The catalogue as a Markdown table. */
export function renderCatalogueMarkdown(rules: readonly Rule[]): string {
  const rows = catalogueOf(rules).map(
    (e) =>
      `| \`${e.id}\` | ${e.level} | ${e.severity} | ${e.scope} | ${e.title.replace(/\|/g, '\\|')} |`,
  );
  return `${['| Rule | Level | Severity | Scope | Title |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')}\n`;
}
