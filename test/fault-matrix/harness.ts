/**
 * What every fault-matrix suite shares: one FaultWorld per file (one moto_server), the
 * guarantees every fault must keep, the observed outcome in the matrix's words, and the row
 * recorder whose rows become docs/reliability.md.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Observation } from '../support/fault-observation';
import { FaultWorld } from '../support/fault-world';
import { dilateSdkRetryTime } from '../support/sdk-retry-time';
import {
  DOC_PATH,
  type FaultRow,
  type Group,
  type ObservedOutcome,
  REGENERATE,
  renderTable,
  sectionOf,
  writeResults,
} from './matrix';

/** SDK waits are divided by this (see test/support/sdk-retry-time.ts). */
const SDK_TIME_DILATION = 1000;

/**
 * The calling test file's FaultWorld (its own moto_server), with the SDK's retry waits
 * dilated: started before the file's tests, handed to `receive`, stopped after them.
 */
export function useFaultWorld(receive: (world: FaultWorld) => void): void {
  let world: FaultWorld | undefined;
  beforeAll(async () => {
    dilateSdkRetryTime(SDK_TIME_DILATION);
    world = await FaultWorld.create();
    receive(world);
  });
  afterAll(async () => {
    await world?.stop();
  });
}

/** One (compute environment, AMI) a fault run audits. */
export interface Pair {
  readonly name: string;
  readonly amiId: string;
}

/** One notification about the pair, as a subscriber reads it. */
export interface Delivered {
  readonly type: 'findings' | 'digest';
  readonly auditId: string;
  readonly verdict: string | null;
  /** Why, when findings do not say (no host facts, truncated output); findings messages only. */
  readonly verdictReason?: string | null;
  /** `new:awslogs-logging-driver`, `resolved:image-available`, … */
  readonly changes: readonly string[];
}

interface FindingsDocument {
  readonly type: string;
  readonly auditId: string;
  readonly verdict: string | null;
  readonly verdictReason?: string | null;
  readonly computeEnvironment?: { readonly name: string };
  readonly amiId?: string | null;
  readonly changes?: readonly { change: string; ruleId: string }[];
  readonly groups?: readonly {
    computeEnvironment: { name: string };
    amiId: string | null;
    verdict: string | null;
    changes: readonly { change: string; ruleId: string }[];
  }[];
}

/** The notifications about `pair` among those delivered (findings messages and digest groups). */
export function deliveredAbout(seen: Pick<Observation, 'alerts'>, pair: Pair): Delivered[] {
  const changes = (list: readonly { change: string; ruleId: string }[] = []) =>
    list.map((c) => `${c.change}:${c.ruleId}`);
  return seen.alerts.flatMap((alert): Delivered[] => {
    const document = JSON.parse(alert.Message) as FindingsDocument;
    if (document.type === 'batch-ami-auditor.findings') {
      const about =
        document.computeEnvironment?.name === pair.name && document.amiId === pair.amiId;
      return about
        ? [
            {
              type: 'findings',
              auditId: document.auditId,
              verdict: document.verdict,
              verdictReason: document.verdictReason ?? null,
              changes: changes(document.changes),
            },
          ]
        : [];
    }
    return (document.groups ?? [])
      .filter((g) => g.computeEnvironment.name === pair.name && g.amiId === pair.amiId)
      .map((g) => ({
        type: 'digest',
        auditId: document.auditId,
        verdict: g.verdict,
        changes: changes(g.changes),
      }));
  });
}

/** How many of `delivered` repeat an earlier one word for word (same audit, same changes). */
export function repeatsIn(delivered: readonly Delivered[]): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (const d of delivered) {
    const key = JSON.stringify(d);
    if (seen.has(key)) repeats += 1;
    seen.add(key);
  }
  return repeats;
}

/** The verdicts reached for `pair`: `FAIL`, `INCONCLUSIVE (no_capacity)`. */
export function verdictsFor(seen: Observation, pair: Pair): string[] {
  return seen.verdicts
    .filter((v) => v.computeEnvironment === pair.name && v.amiId === pair.amiId)
    .map((v) => (v.reason ? `${v.verdict} (${v.reason})` : v.verdict));
}

/** Overrides for cells whose story has more than one step (`1 → 0 (janitor)`). */
export type OutcomeNotes = Partial<
  Pick<ObservedOutcome, 'leftRunning' | 'notifications' | 'deadLetters'>
>;

/** The outcome of a fault run for `pair`, in the matrix's words. */
export function outcomeOf(
  seen: Observation,
  pair: Pair,
  notes: OutcomeNotes = {},
): ObservedOutcome {
  const verdicts = verdictsFor(seen, pair);
  const delivered = deliveredAbout(seen, pair);
  const repeats = repeatsIn(delivered);
  const kinds = [...new Set(delivered.map((d) => (d.type === 'digest' ? 'sweep digest' : '')))]
    .filter(Boolean)
    .join(', ');
  const details = [repeats > 0 ? `${repeats} repeat${repeats > 1 ? 's' : ''}` : '', kinds]
    .filter(Boolean)
    .join('; ');
  return {
    verdict: [...new Set(verdicts)].join(', ') || 'none',
    verdicts: verdicts.length,
    probes: seen.executions.length,
    leftRunning: notes.leftRunning ?? String(seen.leftRunning.length),
    notifications: notes.notifications ?? `${delivered.length}${details ? ` (${details})` : ''}`,
    deadLetters: notes.deadLetters ?? String(seen.deadLetters.length),
  };
}

/**
 * The guarantees every fault keeps: no probe instance left running or registered, exactly one
 * verdict for the pair (unless it has none to give, e.g. the compute environment is gone), and
 * nothing lost: the pair's verdict reached people at least once, or its event is dead-lettered.
 */
export function expectGuarantees(
  seen: Observation,
  pair: Pair,
  options: { readonly verdicts?: number; readonly told?: boolean } = {},
): void {
  expect(seen.leftRunning, 'probe instances left running').toEqual([]);
  expect(seen.leftRegistered, 'container instances left in the probe cluster').toEqual([]);
  expect(verdictsFor(seen, pair), 'verdicts for the pair').toHaveLength(options.verdicts ?? 1);
  if (options.told ?? true) {
    const delivered = deliveredAbout(seen, pair).length;
    expect(delivered + seen.deadLetters.length, 'notified or dead-lettered').toBeGreaterThan(0);
  }
}

/** Collects a suite's rows, writes its results file, and checks its section of the doc. */
export class MatrixRecorder {
  readonly group: Group;
  private readonly rows: FaultRow[] = [];

  constructor(group: Group) {
    this.group = group;
  }

  /** Records a row (before the test asserts, so the results show what a failing run saw). */
  record(row: FaultRow): ObservedOutcome {
    if (this.rows.some((r) => r.id === row.id)) throw new Error(`duplicate matrix row ${row.id}`);
    this.rows.push(row);
    return row.observed;
  }

  /** Writes the results file and asserts that docs/reliability.md shows exactly these rows. */
  expectDocumented(): void {
    writeResults(this.group, this.rows);
    const documented = sectionOf(readFileSync(DOC_PATH, 'utf8'), this.group);
    expect(
      documented,
      `${DOC_PATH} is stale for the ${this.group} faults: regenerate it with \`${REGENERATE}\``,
    ).toBe(renderTable(this.rows));
  }
}
