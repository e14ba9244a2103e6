/** The figures each benchmark hands to the summary that `npm run bench` ends with. */
import { printTable } from './table';

export interface Figure {
  /** What was measured, short enough for one table cell. */
  readonly figure: string;
  readonly value: string;
}

export interface BenchmarkFigures {
  readonly benchmark: string;
  readonly figures: readonly Figure[];
}

/** One table of every figure, grouped by benchmark. */
export function printSummary(results: readonly BenchmarkFigures[]): void {
  console.log('\nSummary');
  printTable(
    ['benchmark', 'figure', 'value'],
    results.flatMap(({ benchmark, figures }) =>
      figures.map((f, i) => [i === 0 ? benchmark : '', f.figure, f.value]),
    ),
    { align: 'left' },
  );
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const ms = (millis: number) => `${millis.toFixed(millis < 10 ? 1 : 0)} ms`;
export const seconds = (secs: number) => `${secs.toFixed(secs < 10 ? 2 : 1)} s`;

/** The median of `values` (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The `p`th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
