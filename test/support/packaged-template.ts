/**
 * The CloudFormation template `npm run package` (serverless package) wrote, for
 * tests that assert what the stack grants and wires. `npm test` packages first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_PATH = fileURLToPath(
  new URL('../../.serverless/cloudformation-template-update-stack.json', import.meta.url),
);

export interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
}

export interface Template {
  readonly Resources: Record<string, Resource>;
  readonly Parameters?: Record<string, unknown>;
}

export function packagedTemplate(): Template {
  if (!existsSync(TEMPLATE_PATH)) {
    throw new Error(
      `${TEMPLATE_PATH} is missing: run \`npm run package\` (npm test does it first)`,
    );
  }
  return JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as Template;
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: Record<string, unknown>;
}

/** Every IAM statement of every role in the template, with the role's logical id. */
export function roleStatements(template: Template): { role: string; statement: PolicyStatement }[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .flatMap(([role, resource]) => {
      const policies = (resource.Properties?.Policies ?? []) as {
        PolicyDocument: { Statement: PolicyStatement[] };
      }[];
      return policies.flatMap((p) =>
        p.PolicyDocument.Statement.map((statement) => ({ role, statement })),
      );
    });
}

export const actionsOf = (statement: PolicyStatement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const resourcesOf = (statement: PolicyStatement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
