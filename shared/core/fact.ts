/**
 * A single observation about a host or image, with the evidence it came from.
 *
 * An observation that could not be made is `Unknown`, never `false` or absent:
 * rules turn unknowns into INCONCLUSIVE findings instead of silently passing.
 */

/** Where a fact came from, so a finding can cite its evidence. */
export interface Provenance {
  /** The file or command read, e.g. `file:/etc/os-release` or `cmd:docker version`. */
  readonly source: string;
  /** Exit status of the command (or 0/1 for a file that was read/missing), when there was one. */
  readonly exitStatus?: number;
  /** True when the collector cut the output of this section short. */
  readonly truncated?: boolean;
  /** A short excerpt of the raw output, already redacted by the collector. */
  readonly excerpt?: string;
}

export interface Known<T> {
  readonly known: true;
  readonly value: T;
  readonly from: Provenance;
}

export interface Unknown {
  readonly known: false;
  /** Why the value is unknown, in words a person understands. */
  readonly reason: string;
  readonly from?: Provenance;
}

export type Fact<T> = Known<T> | Unknown;

export function known<T>(value: T, from: Provenance): Known<T> {
  return { known: true, value, from };
}

export function unknown(reason: string, from?: Provenance): Unknown {
  return from ? { known: false, reason, from } : { known: false, reason };
}

export function isKnown<T>(fact: Fact<T> | undefined): fact is Known<T> {
  return fact?.known === true;
}

/** The value of a fact, or `fallback` when it is unknown. */
export function valueOr<T, F>(fact: Fact<T> | undefined, fallback: F): T | F {
  return fact?.known ? fact.value : fallback;
}
