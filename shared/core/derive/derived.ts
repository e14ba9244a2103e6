/**
 * A derived answer: a conclusion drawn from several facts, with the evidence
 * that supports it. Like a fact, it is either known or unknown with a reason,
 * so a rule never mistakes "could not tell" for "no".
 */
import type { Evidence } from '../rule';

export type Derived<T> =
  | { readonly known: true; readonly value: T; readonly evidence: readonly Evidence[] }
  | { readonly known: false; readonly reason: string; readonly evidence: readonly Evidence[] };

/** A derived answer that could be made. */
export function derived<T>(value: T, evidence: readonly Evidence[]): Derived<T> {
  return { known: true, value, evidence };
}

/** A derived answer that could not be made, and why. */
export function underived<T>(reason: string, evidence: readonly Evidence[]): Derived<T> {
  return { known: false, reason, evidence };
}
