/**
 * The packaged CloudFormation template (`npm run package`, which `npm test` runs first): the
 * state machine is the file in the repository with every task wired, the change and sweep
 * functions may start and follow only probe executions, and every probe function gets an
 * environment the probe configuration accepts. The probe's IAM, encryption and network are
 * reviewed in test/security/template.test.ts; cfn-lint runs in test/template/stack.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFactsTableName, loadProbeConfig } from '../../../shared/probe/config';
import { TASK_STATES } from '../../support/local-probe-execution';
import { packagedTemplate } from '../../support/packaged-template';

const ROOT = new URL('../../../', import.meta.url).pathname;
/** Each task state runs the function of its name (`Probe<State>LambdaFunction`). */
const PROBE_FUNCTIONS = TASK_STATES;

type Json = Record<string, unknown>;
interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const resources = packagedTemplate().Resources as Record<
  string,
  { Type: string; Properties: Json; Condition?: string }
>;

/** Statements of a role's inline policies, with `Fn::If` branches flattened. */
function statementsOf(role: string): Statement[] {
  const policies = (resources[role]?.Properties.Policies ?? []) as {
    PolicyDocument: { Statement: unknown[] };
  }[];
  return policies.flatMap((p) => p.PolicyDocument.Statement.flatMap(resolveIf)) as Statement[];
}
function resolveIf(value: unknown): unknown[] {
  const branches = (value as { 'Fn::If'?: unknown[] })['Fn::If'];
  if (!branches) return [value];
  return branches.slice(1).filter((b) => !(b as { Ref?: string }).Ref?.startsWith('AWS::NoValue'));
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the change and sweep functions in the packaged template', () => {
  const AUDIT_FUNCTIONS = {
    AuditChangeLambdaFunction: 'AuditChangeRole',
    SweepLambdaFunction: 'SweepRole',
  };

  it('may start and follow executions of the probe state machine only, and only read cached facts', () => {
    for (const role of Object.values(AUDIT_FUNCTIONS)) {
      const statements = statementsOf(role);
      const granting = (action: string) => statements.filter((s) => actionsOf(s).includes(action));
      expect(
        granting('states:StartExecution').map((s) => s.Resource),
        role,
      ).toEqual([{ Ref: 'ProbeStateMachine' }]);
      expect(
        granting('states:DescribeExecution').map((s) => s.Resource),
        role,
      ).toEqual([
        // Executions of the probe state machine, whatever their name.
        {
          'Fn::Sub': expect.stringMatching(
            /:states:.*:execution:\$\{ProbeStateMachine\.Name\}:\*$/,
          ),
        },
      ]);
      expect(
        granting('dynamodb:GetItem').map((s) => s.Resource),
        role,
      ).toEqual([{ 'Fn::GetAtt': ['ProbeFactsTable', 'Arn'] }]);
      // Beside the finding state table the notifier uses (asserted in test/template).
      const actions = statements
        .filter((s) => !JSON.stringify(s.Resource).includes('FindingStateTable'))
        .flatMap(actionsOf);
      expect(actions.filter((a) => /^(states|dynamodb):/.test(a)).sort(), role).toEqual([
        'dynamodb:GetItem',
        'states:DescribeExecution',
        'states:StartExecution',
      ]);
    }
  });

  it('are told the probe state machine and the facts table', () => {
    for (const fn of Object.keys(AUDIT_FUNCTIONS)) {
      const environment = resources[fn]?.Properties.Environment as { Variables: Json } | undefined;
      expect(environment?.Variables, fn).toMatchObject({
        PROBE_STATE_MACHINE_ARN: { Ref: 'ProbeStateMachine' },
        PROBE_FACTS_TABLE: { Ref: 'ProbeFactsTable' },
      });
    }
  });
});

describe('probe resources in the packaged template', () => {
  it('deploys the definition in the repository, with every task substituted', () => {
    const machine = resources.ProbeStateMachine?.Properties ?? {};
    const definition = JSON.parse(readFileSync(`${ROOT}state-machines/probe.asl.json`, 'utf8'));
    expect(machine.Definition).toEqual(definition);
    const substitutions = Object.keys(machine.DefinitionSubstitutions as Json).sort();
    expect(substitutions).toEqual(PROBE_FUNCTIONS.map((f) => `${f}FunctionArn`).sort());
  });

  it('bills the facts table per request and expires its records', () => {
    // Its encryption and recovery are part of test/security/template.test.ts.
    expect(resources.ProbeFactsTable?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('gives every probe function an environment the probe configuration accepts', () => {
    for (const fn of [...PROBE_FUNCTIONS.map((f) => `Probe${f}`), 'Janitor']) {
      const environment = resources[`${fn}LambdaFunction`]?.Properties.Environment as
        | { Variables: Json }
        | undefined;
      const variables = environment?.Variables ?? {};
      // Intrinsics resolve at deploy time; stand in plausible values for them.
      const env = Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : standIn(k)]),
      );
      expect(() => loadProbeConfig(env), fn).not.toThrow();
      expect(loadFactsTableName(env)).toBe('probe-facts');
    }
  });
});

function standIn(name: string): string {
  switch (name) {
    case 'PROBE_CLUSTER':
      return 'batch-ami-auditor-dev-probe';
    case 'PROBE_INSTANCE_PROFILE_ARN':
      return 'arn:aws:iam::123456789012:instance-profile/probe';
    case 'PROBE_FACTS_TABLE':
      return 'probe-facts';
    default:
      return '';
  }
}
