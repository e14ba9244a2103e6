/**
 * The security review of the packaged CloudFormation template (`npm run package`): least
 * privilege (every write on `Resource: "*"` is an exception documented in docs/security.md,
 * and every documented exception is still in the template), what the probe may launch and
 * terminate, no inbound network path, encryption at rest, and log retention.
 */
import { describe, expect, it } from 'vitest';
import { PROBE_CONFIG_DEFAULTS } from '../../shared/probe/config';
import { PROBE_TAG } from '../../shared/probe/tags';
import { actionsOf, packagedTemplate, resourcesOf } from '../support/packaged-template';
import {
  allRoleStatements,
  type RoleStatement,
  resolveIntrinsics,
  type StackStandIns,
} from './support/role-policies';
import { documentedExceptions, documentedGrants } from './support/security-doc';

const template = packagedTemplate();
const statements = allRoleStatements(template);
const OWNER = 'batch-ami-auditor-dev';
const OWNER_TAG = PROBE_TAG.owner;

const resourcesOfType = (type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);
/** Allow statements granting `action`, with their role. */
const allowing = (action: string) =>
  statements.filter(
    ({ statement }) => statement.Effect === 'Allow' && actionsOf(statement).includes(action),
  );
const rolesOf = (grants: readonly RoleStatement[]) =>
  [...new Set(grants.map((g) => g.role))].sort();
const json = (value: unknown) => JSON.stringify(value);
const sub = (arn: string) => ({ 'Fn::Sub': arn });
const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const ec2Arn = (type: string) =>
  sub(`arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:${type}/*`);

/**
 * Read-only by name (Describe, List, Get). Checked against the service authorization reference
 * for every action the stack grants on "*": none named so is a write there.
 */
const READ_ONLY = /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/;

describe('writes on Resource "*"', () => {
  const writesOnStar = statements
    .filter(({ statement }) => statement.Effect === 'Allow' && resourcesOf(statement).includes('*'))
    .flatMap(({ role, statement }) =>
      actionsOf(statement)
        .filter((action) => !READ_ONLY.test(action))
        .map((action) => `${role} ${action}`),
    );
  const documented = documentedGrants(documentedExceptions());

  it('are all listed, role by role, in the exceptions table of docs/security.md', () => {
    expect(writesOnStar.length).toBeGreaterThan(0);
    expect(writesOnStar.filter((grant) => !documented.includes(grant))).toEqual([]);
  });

  it('are all still in the template when docs/security.md lists them', () => {
    expect(documented.filter((grant) => !writesOnStar.includes(grant))).toEqual([]);
  });

  it('are each justified: why AWS allows nothing narrower, and what limits it instead', () => {
    for (const row of documentedExceptions()) {
      expect(row.whyNothingNarrower.length, row.actions.join()).toBeGreaterThan(30);
      expect(row.limitedBy.length, row.actions.join()).toBeGreaterThan(30);
    }
  });

  it('include statements that exist only under a condition (Fn::If)', () => {
    expect(statements.filter((s) => s.condition).map((s) => s.condition)).toEqual(
      expect.arrayContaining(['HasProbeOutputBucket', 'SlackWebhookInSsm']),
    );
  });
});

describe('every role', () => {
  it('is granted actions by name: no wildcard, no NotAction or NotResource, no Deny to rely on', () => {
    for (const { role, statement } of statements) {
      expect(Object.keys(statement), role).not.toContain('NotAction');
      expect(Object.keys(statement), role).not.toContain('NotResource');
      expect(statement.Effect, role).toBe('Allow');
      for (const action of actionsOf(statement)) expect(action, role).toMatch(/^[a-z0-9-]+:\w+$/);
    }
  });

  it('may use the stack key only through the service whose data it protects', () => {
    const kms = statements.filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('kms:')),
    );
    expect(kms.length).toBeGreaterThan(0);
    for (const { role, statement } of kms) {
      expect(resourcesOf(statement), role).toEqual([getAtt('AuditKey')]);
      expect(json(statement.Condition?.StringEquals), role).toMatch(
        /"kms:ViaService":\{"Fn::Sub":"(sns|sqs|dynamodb)\.\$\{AWS::Region\}\.amazonaws\.com"\}/,
      );
    }
  });

  it('that publishes alerts, dead-letters or reads a table may use the key through that service', () => {
    const viaServiceOf = (role: string) =>
      statements
        .filter((s) => s.role === role && actionsOf(s.statement).includes('kms:Decrypt'))
        .map((s) => json(s.statement.Condition).match(/"(sns|sqs|dynamodb)\./)?.[1]);
    const needs = (action: string, resource: unknown, service: string) => {
      const roles = rolesOf(
        allowing(action).filter((g) => json(g.statement.Resource) === json(resource)),
      );
      expect(roles.length, action).toBeGreaterThan(0);
      for (const role of roles) expect(viaServiceOf(role), `${role} ${action}`).toContain(service);
    };
    needs('sns:Publish', { Ref: 'AlertTopic' }, 'sns');
    needs('sqs:SendMessage', getAtt('DeadLetterQueue'), 'sqs');
    needs('dynamodb:GetItem', getAtt('ProbeFactsTable'), 'dynamodb');
    needs('dynamodb:PutItem', getAtt('ProbeFactsTable'), 'dynamodb');
    needs('dynamodb:Query', getAtt('FindingStateTable'), 'dynamodb');
  });
});

describe('RunInstances', () => {
  const launches = allowing('ec2:RunInstances');
  const onType = (type: string) =>
    launches.filter(({ statement }) => json(statement.Resource).includes(`:${type}/`));

  it('is granted to the Launch task alone, on the resource types a probe needs, never "*"', () => {
    expect(rolesOf(launches)).toEqual(['ProbeLaunchRole']);
    const types = launches.flatMap(({ statement }) =>
      [...json(statement.Resource).matchAll(/:([a-z-]+)\/[^"]*"/g)].map((m) => m[1]),
    );
    expect([...new Set(types)].sort()).toEqual([
      'image',
      'instance',
      'network-interface',
      'security-group',
      'subnet',
      'volume',
    ]);
    // No key pair, no launch template: RunInstances naming one is denied.
    for (const { statement } of launches) expect(resourcesOf(statement)).not.toContain('*');
  });

  it('creates an instance only with the probe profile, IMDSv2, a configured type and every probe tag', () => {
    const [instance, ...others] = onType('instance');
    expect(others).toEqual([]);
    // Exactly the types the Launch function is configured with, whatever the parameters say.
    const environment = template.Resources.ProbeLaunchLambdaFunction?.Properties?.Environment as {
      Variables: Record<string, string>;
    };
    const configuredTypes = ['X86_64', 'ARM64', 'GPU'].flatMap((arch) =>
      String(environment.Variables[`PROBE_INSTANCE_TYPES_${arch}`]).split(/[\s,]+/),
    );
    expect(configuredTypes).toEqual(
      expect.arrayContaining(PROBE_CONFIG_DEFAULTS.instanceTypes.x86_64),
    );
    expect(instance?.statement.Resource).toEqual(ec2Arn('instance'));
    expect(instance?.statement.Condition).toEqual({
      StringEquals: {
        [`aws:RequestTag/${OWNER_TAG}`]: OWNER,
        'ec2:MetadataHttpTokens': 'required',
        'ec2:InstanceType': { 'Fn::Split': [',', configuredTypes.join(',')] },
      },
      NumericLessThanEquals: { 'ec2:MetadataHttpPutResponseHopLimit': 2 },
      ArnEquals: { 'ec2:InstanceProfile': getAtt('ProbeInstanceProfile') },
      Null: {
        [`aws:RequestTag/${PROBE_TAG.execution}`]: 'false',
        [`aws:RequestTag/${PROBE_TAG.expiresAt}`]: 'false',
      },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name', ...Object.values(PROBE_TAG)] },
    });
  });

  it('creates volumes only encrypted, and volumes and interfaces only with the probe tags', () => {
    for (const type of ['volume', 'network-interface']) {
      const [created, ...others] = onType(type);
      expect(others, type).toEqual([]);
      expect(created?.statement.Condition, type).toMatchObject({
        StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: OWNER },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name', ...Object.values(PROBE_TAG)] },
      });
    }
    expect(onType('volume')[0]?.statement.Condition?.Bool).toEqual({ 'ec2:Encrypted': 'true' });
  });

  it("uses only the auditor's own security groups", () => {
    const [group, ...others] = onType('security-group');
    expect(others).toEqual([]);
    expect(group?.statement.Condition).toEqual({
      StringEquals: { [`ec2:ResourceTag/${OWNER_TAG}`]: OWNER },
    });
  });

  it("launches into probeSubnetId's subnet when it is set, else the account's subnets in the region", () => {
    const [subnet, ...others] = onType('subnet');
    expect(others).toEqual([]);
    const standIns = (probeSubnet: string): StackStandIns => ({
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
      values: { ProbeSubnetId: probeSubnet },
      conditions: { HasProbeSubnet: probeSubnet !== '' },
    });
    expect(resolveIntrinsics(subnet?.statement.Resource, standIns('subnet-0abc'))).toBe(
      'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0abc',
    );
    expect(resolveIntrinsics(subnet?.statement.Resource, standIns(''))).toBe(
      'arn:aws:ec2:us-east-1:123456789012:subnet/*',
    );
  });

  it('passes only the probe role, and only to EC2', () => {
    const [passRole, ...others] = allowing('iam:PassRole');
    expect(others).toEqual([]);
    expect(passRole?.role).toBe('ProbeLaunchRole');
    expect(passRole?.statement.Resource).toEqual(getAtt('ProbeInstanceRole'));
    expect(passRole?.statement.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
    });
  });

  it('tags only while creating (RunInstances, CreateSecurityGroup)', () => {
    const tagging = allowing('ec2:CreateTags');
    expect(rolesOf(tagging)).toEqual(['ProbeLaunchRole']);
    for (const { statement } of tagging) {
      expect(statement.Condition).toEqual({
        StringEquals: { 'ec2:CreateAction': ['RunInstances', 'CreateSecurityGroup'] },
      });
    }
  });
});

describe('what the auditor may do to running instances', () => {
  it("terminates only instances carrying the auditor's owner tag: the Terminate task and the janitor", () => {
    const terminating = allowing('ec2:TerminateInstances');
    expect(rolesOf(terminating)).toEqual(['JanitorRole', 'ProbeTerminateRole']);
    for (const { statement } of terminating) {
      expect(statement.Resource).toEqual(ec2Arn('instance'));
      expect(statement.Condition).toEqual({
        StringEquals: { [`ec2:ResourceTag/${OWNER_TAG}`]: OWNER },
      });
    }
  });

  it("runs only AWS-RunShellScript, only on its own probes, and writes output only to the stack's bucket", () => {
    const sending = allowing('ssm:SendCommand');
    expect(rolesOf(sending)).toEqual(['ProbeRunCollectorRole']);
    expect(sending.map(({ statement, condition }) => [statement.Resource, condition])).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
      [sub('arn:${AWS::Partition}:ssm:${AWS::Region}::document/AWS-RunShellScript'), undefined],
      [ec2Arn('instance'), undefined],
      [getAtt('ProbeOutputBucket'), 'HasProbeOutputBucket'],
    ]);
    expect(sending[1]?.statement.Condition).toEqual({
      StringEquals: { [`ssm:resourceTag/${OWNER_TAG}`]: OWNER },
    });
  });

  it('reads the console of its own probes only', () => {
    for (const { statement } of allowing('ec2:GetConsoleOutput')) {
      expect(statement.Condition).toEqual({
        StringEquals: { [`ec2:ResourceTag/${OWNER_TAG}`]: OWNER },
      });
    }
  });

  it('keeps the probe instance to SSM, registration in the probe cluster and the output bucket', () => {
    const probe = statements.filter((s) => s.role === 'ProbeInstanceRole').map((s) => s.statement);
    const actions = probe.flatMap(actionsOf);
    expect(actions.every((a) => /^(ssm|ec2messages|ssmmessages|ecs|s3):[A-Za-z]+$/.test(a))).toBe(
      true,
    );
    expect(actions).not.toContain('ecs:CreateCluster');
    const register = probe.find((s) => actionsOf(s).includes('ecs:RegisterContainerInstance'));
    expect(register?.Resource).toEqual(getAtt('ProbeCluster'));
    const poll = probe.find((s) => actionsOf(s).includes('ecs:Poll'));
    expect(poll?.Condition?.ArnEquals).toEqual({ 'ecs:cluster': getAtt('ProbeCluster') });
    const put = probe.find((s) => actionsOf(s).includes('s3:PutObject'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
    expect(put?.Resource).toEqual(sub('${ProbeOutputBucket.Arn}/probe-output/*'));
  });

  it('lets the state machine invoke the probe functions and nothing else', () => {
    const invoke = statements.filter(
      (s) => s.role === 'ProbeStateMachineRole' && json(s.statement.Action).includes('lambda:'),
    );
    expect(invoke.flatMap((s) => actionsOf(s.statement))).toEqual(['lambda:InvokeFunction']);
    const functions = resourcesOf(invoke[0]?.statement ?? { Effect: '', Action: [] });
    expect(functions.map((f) => json(f))).toEqual(
      [
        'Start',
        'Launch',
        'CheckOnline',
        'RunCollector',
        'CheckCommand',
        'JoinTest',
        'Terminate',
        'Score',
      ].map((task) => json(getAtt(`Probe${task}LambdaFunction`))),
    );
  });
});

describe('the network', () => {
  it('opens no inbound path: no ingress rule in the template, and no role may add one', () => {
    expect(resourcesOfType('AWS::EC2::SecurityGroupIngress')).toEqual([]);
    for (const [id, group] of resourcesOfType('AWS::EC2::SecurityGroup')) {
      expect(group.Properties?.SecurityGroupIngress, id).toBeUndefined();
    }
    const actions = statements.flatMap(({ statement }) => actionsOf(statement));
    for (const action of [
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:ModifySecurityGroupRules',
      'ec2:ModifyInstanceAttribute',
      'ec2:ModifyNetworkInterfaceAttribute',
      'ec2:ModifyInstanceMetadataOptions',
    ]) {
      expect(actions).not.toContain(action);
    }
  });

  it("shapes egress only of the auditor's own security groups, created only with its tag", () => {
    for (const action of ['ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupEgress']) {
      for (const { statement } of allowing(action)) {
        expect(statement.Condition).toEqual({
          StringEquals: { [`ec2:ResourceTag/${OWNER_TAG}`]: OWNER },
        });
      }
    }
    const creating = allowing('ec2:CreateSecurityGroup').filter(({ statement }) =>
      json(statement.Resource).includes(':security-group/'),
    );
    expect(creating.map(({ statement }) => statement.Condition)).toEqual([
      { StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: OWNER } },
    ]);
  });
});

describe('encryption at rest', () => {
  it('encrypts the alert topic with the stack key', () => {
    const topics = resourcesOfType('AWS::SNS::Topic');
    expect(topics.length).toBeGreaterThan(0);
    for (const [id, topic] of topics)
      expect(topic.Properties?.KmsMasterKeyId, id).toEqual({ Ref: 'AuditKey' });
  });

  it('encrypts every DynamoDB table with the stack key, recoverably', () => {
    const tables = resourcesOfType('AWS::DynamoDB::Table');
    expect(tables.map(([id]) => id).sort()).toEqual(['FindingStateTable', 'ProbeFactsTable']);
    for (const [id, table] of tables) {
      expect(table.Properties, id).toMatchObject({
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { Ref: 'AuditKey' } },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      });
    }
  });

  it('encrypts every SQS queue with the stack key', () => {
    const queues = resourcesOfType('AWS::SQS::Queue');
    expect(queues.length).toBeGreaterThan(0);
    for (const [id, queue] of queues)
      expect(queue.Properties?.KmsMasterKeyId, id).toEqual({ Ref: 'AuditKey' });
  });

  it('encrypts every bucket, blocks public access to it and refuses plain HTTP', () => {
    const buckets = resourcesOfType('AWS::S3::Bucket');
    expect(buckets.map(([id]) => id).sort()).toEqual([
      'ProbeOutputBucket',
      'ServerlessDeploymentBucket',
    ]);
    const policies = resourcesOfType('AWS::S3::BucketPolicy').map(([, p]) => p.Properties);
    for (const [id, bucket] of buckets) {
      expect(json(bucket.Properties?.BucketEncryption), id).toMatch(
        /"ServerSideEncryptionByDefault":\{"SSEAlgorithm":"(AES256|aws:kms)"/,
      );
      expect(bucket.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = policies.find((p) => json(p?.Bucket) === json({ Ref: id }));
      expect(json(policy?.PolicyDocument), id).toMatch(
        /"Effect":"Deny".*"Condition":\{"Bool":\{"aws:SecureTransport":false\}\}/,
      );
    }
  });

  it('rotates the stack key, and lets only the account and its service principals use it', () => {
    const keys = resourcesOfType('AWS::KMS::Key');
    expect(keys.map(([id]) => id)).toEqual(['AuditKey']);
    const key = keys[0]?.[1].Properties ?? {};
    expect(key.EnableKeyRotation).toBe(true);
    const policy = key.KeyPolicy as { Statement: { Principal: unknown; Condition?: unknown }[] };
    for (const statement of policy.Statement) {
      const principal = json(statement.Principal);
      if (principal.includes('"Service"')) {
        expect(json(statement.Condition)).toContain('"aws:SourceAccount":{"Ref":"AWS::AccountId"}');
      } else {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
        expect(principal).toContain(':iam::${AWS::AccountId}:root');
      }
    }
  });
});

describe('logs', () => {
  it('sets a retention on every log group, the state machine’s included', () => {
    const groups = resourcesOfType('AWS::Logs::LogGroup');
    expect(groups.map(([id]) => id)).toContain('ProbeStateMachineLogGroup');
    for (const [id, group] of groups)
      expect(group.Properties?.RetentionInDays, id).toBeGreaterThan(0);
  });

  it('gives every function a log group of its own, with that retention', () => {
    const groupNames = resourcesOfType('AWS::Logs::LogGroup').map(
      ([, g]) => g.Properties?.LogGroupName,
    );
    for (const [id, fn] of resourcesOfType('AWS::Lambda::Function')) {
      expect(groupNames, id).toContain(`/aws/lambda/${fn.Properties?.FunctionName}`);
    }
  });

  it("keeps execution data (the probe's host facts) out of the state machine's logs", () => {
    const machine = template.Resources.ProbeStateMachine?.Properties ?? {};
    expect(machine.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false });
  });
});
