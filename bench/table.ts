/** Prints rows as an aligned plain-text table (benchmarks print figures, they assert nothing). */
export interface TableOptions {
  /** `numbers` (default): the first column left, the others right; `left`: every column left. */
  readonly align?: 'numbers' | 'left';
}

export function printTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const left = (i: number) => i === 0 || options.align === 'left';
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (left(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
