/**
 * A small IAM policy evaluator for identity policies, enough to ask "would this role allow
 * this request?" of the packaged template: Allow and Deny statements, wildcards in actions and
 * resources, and the condition operators the stack uses. An operator or element it does not
 * know throws, so a policy it cannot judge never passes by accident.
 *
 * Semantics follow the IAM policy evaluation logic: an explicit Deny wins; otherwise some
 * Allow must match the action, the resource and every condition. Within a condition block all
 * operators must hold, within an operator all keys, and a key holds when any policy value
 * matches. A missing key fails every operator but `Null`, `…IfExists` and `ForAllValues:…`
 * (which IAM treats as true for a missing key; policies pair it with a required key).
 */
import type { PolicyStatement } from '../../support/packaged-template';

/** A condition context: single-valued keys as strings, multivalued ones (aws:TagKeys) as arrays. */
export type ConditionContext = Readonly<Record<string, string | readonly string[]>>;

/** One authorization IAM makes: an action on one resource, with its condition context. */
export interface AuthorizationRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: ConditionContext;
}

/** A statement whose intrinsic functions are resolved (see role-policies.ts). */
export type ResolvedStatement = PolicyStatement;

/** Whether `statements` allow `request`. */
export function isAllowed(
  statements: readonly ResolvedStatement[],
  request: AuthorizationRequest,
): boolean {
  const matching = statements.filter((s) => statementMatches(s, request));
  if (matching.some((s) => s.Effect === 'Deny')) return false;
  return matching.some((s) => s.Effect === 'Allow');
}

/** The requests of `requests` that `statements` do not allow. */
export function denied(
  statements: readonly ResolvedStatement[],
  requests: readonly AuthorizationRequest[],
): AuthorizationRequest[] {
  return requests.filter((request) => !isAllowed(statements, request));
}

function statementMatches(statement: ResolvedStatement, request: AuthorizationRequest): boolean {
  for (const element of ['NotAction', 'NotResource', 'NotPrincipal', 'Principal']) {
    if (element in statement) throw new Error(`the evaluator does not support ${element}`);
  }
  const actions = [statement.Action].flat();
  const resources = [statement.Resource].flat();
  return (
    actions.some((a) => wildcardMatch(String(a), request.action, true)) &&
    resources.some((r) => wildcardMatch(String(r), request.resource, false)) &&
    conditionsHold(statement.Condition ?? {}, request.context)
  );
}

function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

function conditionsHold(block: Record<string, unknown>, context: ConditionContext): boolean {
  const lowerCased = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(block).every(([operator, keys]) =>
    Object.entries(keys as Record<string, unknown>).every(([key, expected]) =>
      operatorHolds(operator, [expected].flat().map(String), lowerCased.get(key.toLowerCase())),
    ),
  );
}

type Comparison = (expected: string, actual: string) => boolean;

const COMPARISONS: Record<string, Comparison> = {
  StringEquals: (e, a) => e === a,
  StringNotEquals: (e, a) => e !== a,
  StringEqualsIgnoreCase: (e, a) => e.toLowerCase() === a.toLowerCase(),
  StringLike: (e, a) => wildcardMatch(e, a, false),
  ArnEquals: (e, a) => e === a,
  ArnLike: (e, a) => wildcardMatch(e, a, false),
  Bool: (e, a) => e.toLowerCase() === a.toLowerCase(),
  NumericEquals: (e, a) => Number(a) === Number(e),
  NumericLessThanEquals: (e, a) => Number(a) <= Number(e),
  NumericGreaterThan: (e, a) => Number(a) > Number(e),
};

/** Negated operators hold when no expected value matches. */
const NEGATED = new Set(['StringNotEquals']);

function operatorHolds(
  operator: string,
  expected: readonly string[],
  actual: string | readonly string[] | undefined,
): boolean {
  if (operator === 'Null') {
    return expected.every((e) => (e.toLowerCase() === 'true') === (actual === undefined));
  }
  const [qualifier, bare] = operator.includes(':') ? operator.split(':') : [undefined, operator];
  const ifExists = bare?.endsWith('IfExists') ?? false;
  const name = ifExists ? bare?.slice(0, -'IfExists'.length) : bare;
  const compare = name === undefined ? undefined : COMPARISONS[name];
  if (!compare || (qualifier && qualifier !== 'ForAllValues' && qualifier !== 'ForAnyValue')) {
    throw new Error(`the evaluator does not support the condition operator ${operator}`);
  }
  const one = (value: string) =>
    NEGATED.has(name ?? '')
      ? expected.every((e) => compare(e, value))
      : expected.some((e) => compare(e, value));
  if (qualifier === 'ForAllValues') return [actual ?? []].flat().every(one);
  if (qualifier === 'ForAnyValue') return [actual ?? []].flat().some(one);
  if (actual === undefined) return ifExists;
  if (typeof actual !== 'string') {
    throw new Error(`${operator} on a multivalued key needs ForAllValues or ForAnyValue`);
  }
  return one(actual);
}
