/**
 * A single observation about a host, with the evidence it came from.
 *
 * An observation that could not be made is `Unknown`, never `false` or absent:
 * rules turn unknowns into INCONCLUSIVE findings instead of silently passing.
 */
import { z } from 'zod';

/** Where a fact came from, so a finding can cite its evidence. */
export const provenanceSchema = z.object({
  /** The file or command read, e.g. `file:/etc/os-release` or `cmd:docker version`. */
  source: z.string(),
  /** Exit status of the command (for files: 0 read, 1 missing), when there was one. */
  exitStatus: z.number().int().optional(),
  /** True when the collector cut the output of this section short. */
  truncated: z.boolean().optional(),
  /** A short excerpt of the raw output, already redacted by the collector. */
  excerpt: z.string().optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export const unknownSchema = z.object({
  known: z.literal(false),
  /** Why the value is unknown, in words a person understands. */
  reason: z.string(),
  from: provenanceSchema.optional(),
});
export type Unknown = z.infer<typeof unknownSchema>;

export interface Known<T> {
  known: true;
  value: T;
  from: Provenance;
}
export type Fact<T> = Known<T> | Unknown;

/** Schema of a fact whose value matches `value`. */
export function factSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('known', [
    z.object({ known: z.literal(true), value, from: provenanceSchema }),
    unknownSchema,
  ]);
}

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
