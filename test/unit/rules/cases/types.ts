/**
 * The shape of a rule's test cases. Every registered rule needs a module in this
 * folder named after its id, listed in `index.ts`, with at least one passing and
 * one failing case (the registry meta-test enforces it).
 */
import type { RuleLevel } from '../../../../shared/core/rule';
import type { AuditSubject } from '../../../../shared/core/subject';

export interface RuleCase {
  /** What the case shows, as the test's name. */
  readonly name: string;
  readonly subject: AuditSubject;
  /**
   * What the finding's message must say: assert what a user reads, e.g. the file or version
   * named. A RegExp must match the message; a string must equal it exactly (pins the sentence).
   */
  readonly message: RegExp | string;
  /** Some evidence line (`<source> <observed>`) must match, when the case is about what is cited. */
  readonly evidence?: RegExp;
  /** The level the finding must carry, when the context changes it. */
  readonly level?: RuleLevel;
}

export interface RuleCases {
  readonly pass: readonly RuleCase[];
  readonly fail: readonly RuleCase[];
  readonly inconclusive?: readonly RuleCase[];
  readonly notApplicable?: readonly RuleCase[];
}
