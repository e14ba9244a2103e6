/**
 * Every IAM statement of every role in the packaged template, with the conditional ones
 * (`Fn::If` around a statement) flattened and labelled, and a resolver that turns the
 * template's intrinsic functions into the strings IAM would see once deployed, for stand-in
 * values of the stack's resources and parameters.
 */
import type { PolicyStatement, Template } from '../../support/packaged-template';

/** One statement of one role; `condition` names the CloudFormation condition it exists under. */
export interface RoleStatement {
  readonly role: string;
  readonly statement: PolicyStatement;
  readonly condition?: string;
}

interface FnIf {
  readonly 'Fn::If': [string, unknown, unknown];
}

const isFnIf = (value: unknown): value is FnIf =>
  typeof value === 'object' && value !== null && 'Fn::If' in value;

const isNoValue = (value: unknown) =>
  typeof value === 'object' && value !== null && (value as { Ref?: string }).Ref === 'AWS::NoValue';

/**
 * Every statement of every `AWS::IAM::Role`'s inline policies. A statement wrapped in `Fn::If`
 * is listed once per branch that is a statement (`AWS::NoValue` is none), with its condition.
 */
export function allRoleStatements(template: Template): RoleStatement[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .flatMap(([role, resource]) => {
      const policies = (resource.Properties?.Policies ?? []) as {
        PolicyDocument: { Statement: unknown[] };
      }[];
      return policies.flatMap((p) => p.PolicyDocument.Statement.flatMap((s) => branches(role, s)));
    });
}

function branches(role: string, value: unknown): RoleStatement[] {
  if (!isFnIf(value)) return [{ role, statement: value as PolicyStatement }];
  const [condition, whenTrue, whenFalse] = value['Fn::If'];
  return [whenTrue, whenFalse]
    .filter((branch) => !isNoValue(branch))
    .map((branch) => ({ role, statement: branch as PolicyStatement, condition }));
}

/** The statements of one role. */
export function statementsOfRole(template: Template, role: string): RoleStatement[] {
  return allRoleStatements(template).filter((s) => s.role === role);
}

/** What the stack's intrinsic functions stand for in a test: pseudo parameters, refs, conditions. */
export interface StackStandIns {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** `Ref` of a logical id or parameter, and `Fn::GetAtt` as `Id.Attribute`. */
  readonly values: Readonly<Record<string, string>>;
  /** CloudFormation conditions, by name. */
  readonly conditions: Readonly<Record<string, boolean>>;
}

/**
 * The value IAM would see for a template value: `Fn::Sub`, `Ref`, `Fn::GetAtt`, `Fn::Split`,
 * `Fn::Join` and `Fn::If` resolved with `standIns`; arrays and objects resolved member by
 * member. Anything else unresolvable throws, so a new intrinsic cannot pass silently.
 */
export function resolveIntrinsics(value: unknown, standIns: StackStandIns): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, standIns));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const [key] = Object.keys(record);
  if (key === 'Fn::Sub') return substitute(String(record[key]), standIns);
  if (key === 'Ref') return lookUp(String(record[key]), standIns);
  if (key === 'Fn::GetAtt') {
    const [id, attribute] = record[key] as [string, string];
    return lookUp(`${id}.${attribute}`, standIns);
  }
  if (key === 'Fn::Split') {
    const [separator, text] = record[key] as [string, unknown];
    return String(resolveIntrinsics(text, standIns)).split(separator);
  }
  if (key === 'Fn::Join') {
    const [separator, parts] = record[key] as [string, unknown[]];
    return parts.map((p) => resolveIntrinsics(p, standIns)).join(separator);
  }
  if (key === 'Fn::If') {
    const [condition, whenTrue, whenFalse] = record[key] as [string, unknown, unknown];
    return resolveIntrinsics(conditionValue(condition, standIns) ? whenTrue : whenFalse, standIns);
  }
  if (key?.startsWith('Fn::')) throw new Error(`resolveIntrinsics does not know ${key}`);
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, resolveIntrinsics(v, standIns)]),
  );
}

/** Whether a condition holds for the stand-ins (an unknown condition throws). */
export function conditionValue(name: string, standIns: StackStandIns): boolean {
  const value = standIns.conditions[name];
  if (value === undefined) throw new Error(`no stand-in for the condition ${name}`);
  return value;
}

function substitute(text: string, standIns: StackStandIns): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => lookUp(name, standIns));
}

function lookUp(name: string, standIns: StackStandIns): string {
  const pseudo: Record<string, string> = {
    'AWS::Partition': standIns.partition,
    'AWS::Region': standIns.region,
    'AWS::AccountId': standIns.accountId,
  };
  const value = pseudo[name] ?? standIns.values[name];
  if (value === undefined) throw new Error(`no stand-in for \${${name}}`);
  return value;
}
