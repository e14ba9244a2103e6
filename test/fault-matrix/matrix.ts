/**
 * The fault matrix as data: one row per injected fault, what was expected and what the run
 * observed. The fault-matrix suites write their rows to `test/fault-matrix/results/<group>.json`
 * as they run; scripts/generate-reliability-doc.ts renders them into docs/reliability.md
 * between `<!-- fault-matrix:<group>:begin -->` and `<!-- fault-matrix:<group>:end -->`, and
 * each suite's last test fails when that section differs from what it observed.
 *
 * No vitest here: the generator script imports it too.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** What a run left behind, in the words of the table. */
export interface ObservedOutcome {
  /** The verdict(s) reached for the (compute environment, AMI) under test; `none` when none. */
  readonly verdict: string;
  /** How many times a verdict was reached for that pair (handler, probe and sweep together). */
  readonly verdicts: number;
  /** Probe executions run for its AMI. */
  readonly probes: number;
  /** Probe instances pending or running at the end (and what cleaned them up, if not the probe). */
  readonly leftRunning: string;
  /** Notifications about the pair that reached the alert topic's subscribers. */
  readonly notifications: string;
  /** Events in the dead-letter queue. */
  readonly deadLetters: string;
}

export interface FaultRow {
  /** Stable key within its group (the test's name for it). */
  readonly id: string;
  readonly fault: string;
  readonly injectedAt: string;
  readonly expected: string;
  readonly observed: ObservedOutcome;
}

/** The suites of the matrix, in the order docs/reliability.md shows them. */
export const GROUPS = ['probe', 'delivery', 'crash', 'throttling'] as const;
export type Group = (typeof GROUPS)[number];

export const RESULTS_DIR = 'test/fault-matrix/results';
export const DOC_PATH = 'docs/reliability.md';

/** How to bring docs/reliability.md up to date with the suites (printed when it is stale). */
export const REGENERATE =
  'npx vitest run test/fault-matrix && node scripts/run-ts.mjs scripts/generate-reliability-doc.ts';

export function resultsPath(group: Group): string {
  return `${RESULTS_DIR}/${group}.json`;
}

export function writeResults(group: Group, rows: readonly FaultRow[]): void {
  writeFileSync(resultsPath(group), `${JSON.stringify(rows, null, 2)}\n`);
}

export function readResults(group: Group): FaultRow[] {
  return JSON.parse(readFileSync(resultsPath(group), 'utf8')) as FaultRow[];
}

/** The group's table, as it appears in docs/reliability.md. */
export function renderTable(rows: readonly FaultRow[]): string {
  const header = [
    'Fault',
    'Injected at',
    'Expected',
    'Verdict',
    'Verdicts',
    'Probes',
    'Left running',
    'Notifications',
    'Dead letters',
  ];
  const lines = rows.map((row) =>
    [
      row.fault,
      row.injectedAt,
      row.expected,
      row.observed.verdict,
      String(row.observed.verdicts),
      String(row.observed.probes),
      row.observed.leftRunning,
      row.observed.notifications,
      row.observed.deadLetters,
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...lines.map((line) => `| ${line} |`),
  ].join('\n');
}

const marker = (group: Group, edge: 'begin' | 'end') => `<!-- fault-matrix:${group}:${edge} -->`;

/** The table between the group's markers in `doc`, or undefined when the markers are missing. */
export function sectionOf(doc: string, group: Group): string | undefined {
  const begin = doc.indexOf(marker(group, 'begin'));
  const end = doc.indexOf(marker(group, 'end'));
  if (begin < 0 || end < begin) return undefined;
  return doc.slice(begin + marker(group, 'begin').length, end).trim();
}

/** `doc` with the group's section replaced by `table`. */
export function withSection(doc: string, group: Group, table: string): string {
  const begin = doc.indexOf(marker(group, 'begin'));
  const end = doc.indexOf(marker(group, 'end'));
  if (begin < 0 || end < begin) {
    throw new Error(
      `${DOC_PATH} lacks the markers ${marker(group, 'begin')} … ${marker(group, 'end')}`,
    );
  }
  return `${doc.slice(0, begin + marker(group, 'begin').length)}\n${table}\n${doc.slice(end)}`;
}

/** A table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
