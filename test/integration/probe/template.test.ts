/**
 * The packaged CloudFormation template (`serverless package`): the probe's
 * IAM is tag-scoped and least-privilege, the state machine is the file in
 * the repository with every task wired, and cfn-lint accepts the template.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFactsTableName, loadProbeConfig } from '../../../shared/probe/config';
import { TASK_STATES } from '../../support/local-probe-execution';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;
const OWNER = 'batch-ami-auditor-dev';
const OWNER_TAG = 'batch-ami-auditor:owner';
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

let resources: Record<string, { Type: string; Properties: Json; Condition?: string }>;

beforeAll(async () => {
  await run('npx', ['serverless', 'package'], {
    cwd: ROOT,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' },
    timeout: 240_000,
  });
  const template = JSON.parse(
    readFileSync(`${ROOT}.serverless/cloudformation-template-update-stack.json`, 'utf8'),
  ) as { Resources: typeof resources };
  resources = template.Resources;
}, 300_000);

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
const resourcesOf = (s: Statement) =>
  (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map((r) => JSON.stringify(r));
const roles = () =>
  Object.keys(resources).filter((name) => resources[name]?.Type === 'AWS::IAM::Role');
const allowing = (action: string) =>
  roles().flatMap((role) =>
    statementsOf(role)
      .filter((s) => s.Effect === 'Allow' && actionsOf(s).includes(action))
      .map((s) => ({ role, s })),
  );

describe('probe IAM in the packaged template', () => {
  it('lets RunInstances create instances, volumes and interfaces only with the owner tag in the request', () => {
    const created = allowing('ec2:RunInstances').filter(({ s }) =>
      resourcesOf(s).some((r) => /:(instance|volume|network-interface)\//.test(r)),
    );
    expect(created.length).toBe(3);
    for (const { s } of created) {
      expect(s.Condition?.StringEquals?.[`aws:RequestTag/${OWNER_TAG}`]).toBe(OWNER);
    }
    const instance = created.find(({ s }) =>
      resourcesOf(s).some((r) => r.includes(':instance/')),
    )?.s;
    expect(instance?.Condition?.StringEquals?.['ec2:MetadataHttpTokens']).toBe('required');
    expect(instance?.Condition?.ArnEquals?.['ec2:InstanceProfile']).toEqual({
      'Fn::GetAtt': ['ProbeInstanceProfile', 'Arn'],
    });
    const volume = created.find(({ s }) => resourcesOf(s).some((r) => r.includes(':volume/')))?.s;
    expect(volume?.Condition?.Bool?.['ec2:Encrypted']).toBe('true');
  });

  it('never grants RunInstances, TerminateInstances or CreateTags on "*"', () => {
    for (const action of [
      'ec2:RunInstances',
      'ec2:TerminateInstances',
      'ec2:CreateTags',
      'ssm:SendCommand',
    ]) {
      for (const { role, s } of allowing(action)) {
        expect(resourcesOf(s), `${role} ${s.Sid}`).not.toContain('"*"');
      }
    }
  });

  it('conditions TerminateInstances on the owner tag, for the Terminate task and the janitor alike', () => {
    const terminating = allowing('ec2:TerminateInstances');
    expect(terminating.map(({ role }) => role).sort()).toEqual([
      'JanitorRole',
      'ProbeTerminateRole',
    ]);
    for (const { s } of terminating) {
      expect(s.Condition?.StringEquals?.[`ec2:ResourceTag/${OWNER_TAG}`]).toBe(OWNER);
    }
  });

  it('tags only as part of creating, passes only the probe role, commands and reads consoles of own probes only', () => {
    for (const { s } of allowing('ec2:CreateTags')) {
      expect(s.Condition?.StringEquals?.['ec2:CreateAction']).toEqual([
        'RunInstances',
        'CreateSecurityGroup',
      ]);
    }
    const [passRole, ...others] = allowing('iam:PassRole');
    expect(others).toEqual([]);
    expect(passRole?.s.Resource).toEqual({ 'Fn::GetAtt': ['ProbeInstanceRole', 'Arn'] });
    expect(passRole?.s.Condition?.StringEquals?.['iam:PassedToService']).toBe('ec2.amazonaws.com');
    const onInstances = allowing('ssm:SendCommand').filter(({ s }) =>
      resourcesOf(s).some((r) => r.includes(':instance/')),
    );
    expect(
      onInstances.map(({ s }) => s.Condition?.StringEquals?.[`ssm:resourceTag/${OWNER_TAG}`]),
    ).toEqual([OWNER]);
    for (const { s } of allowing('ec2:GetConsoleOutput')) {
      expect(s.Condition?.StringEquals?.[`ec2:ResourceTag/${OWNER_TAG}`]).toBe(OWNER);
    }
  });

  it('keeps the probe instance to SSM and registration in the probe cluster', () => {
    const statements = statementsOf('ProbeInstanceRole');
    const actions = statements.flatMap(actionsOf);
    expect(actions.every((a) => /^(ssm|ec2messages|ssmmessages|ecs|s3):[A-Za-z]+$/.test(a))).toBe(
      true,
    );
    expect(actions).not.toContain('ecs:CreateCluster');
    const register = statements.find((s) => actionsOf(s).includes('ecs:RegisterContainerInstance'));
    expect(register?.Resource).toEqual({ 'Fn::GetAtt': ['ProbeCluster', 'Arn'] });
    const poll = statements.find((s) => actionsOf(s).includes('ecs:Poll'));
    expect(poll?.Condition?.ArnEquals?.['ecs:cluster']).toEqual({
      'Fn::GetAtt': ['ProbeCluster', 'Arn'],
    });
  });

  it('lets the state machine invoke the probe functions and nothing else', () => {
    const invoke = statementsOf('ProbeStateMachineRole').filter((s) =>
      actionsOf(s).some((a) => a.startsWith('lambda:')),
    );
    expect(invoke.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
    expect(invoke[0]?.Resource).toEqual(
      PROBE_FUNCTIONS.map((f) => ({ 'Fn::GetAtt': [`Probe${f}LambdaFunction`, 'Arn'] })),
    );
  });

  it('grants no wildcard actions to any probe role', () => {
    for (const role of roles().filter((r) => r.startsWith('Probe') || r === 'JanitorRole')) {
      for (const action of statementsOf(role).flatMap(actionsOf))
        expect(action, role).not.toMatch(/\*/);
    }
  });
});

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

  it('encrypts, expires and backs up the facts table; blocks public access to the output bucket', () => {
    expect(resources.ProbeFactsTable?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(resources.ProbeOutputBucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
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

  it('passes cfn-lint', async () => {
    await expect(
      run('cfn-lint', ['.serverless/cloudformation-template-update-stack.json'], { cwd: ROOT }),
    ).resolves.toBeDefined();
  }, 60_000);
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
