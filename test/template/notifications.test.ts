/**
 * What the packaged stack wires for notifications: the finding state table (encrypted with the
 * stack's key, recoverable), the narrow grants to it, and the optional Slack notifier, every
 * resource of which exists only when a webhook is configured and which never sees the URL in
 * configuration.
 */
import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  type PolicyStatement,
  packagedTemplate,
  resourcesOf,
  roleStatements,
} from '../support/packaged-template';

const template = packagedTemplate();
const resource = (id: string) => template.Resources[id];
const statementsOf = (role: string) =>
  roleStatements(template)
    .filter((s) => s.role === role)
    .map((s) => s.statement);

describe('the finding state table', () => {
  it('is encrypted with the stack key, recoverable to a point in time, and expires resolved states', () => {
    expect(resource('FindingStateTable')?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { Ref: 'AuditKey' } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it.each(['AuditChangeRole', 'SweepRole'])(
    '%s may only query and put items on that table',
    (role) => {
      // Statements on the finding state table (the probe's facts table is granted separately).
      const dynamo = statementsOf(role).filter((s) =>
        JSON.stringify(s.Resource).includes('FindingStateTable'),
      );
      expect(dynamo).toHaveLength(1);
      expect(actionsOf(dynamo[0] as PolicyStatement).sort()).toEqual([
        'dynamodb:PutItem',
        'dynamodb:Query',
      ]);
      expect(resourcesOf(dynamo[0] as PolicyStatement)).toEqual([
        { 'Fn::GetAtt': ['FindingStateTable', 'Arn'] },
      ]);
    },
  );

  it.each(['AuditChangeRole', 'SweepRole'])(
    '%s may use the stack key for the table only through DynamoDB',
    (role) => {
      const viaDynamo = statementsOf(role).filter((s) =>
        JSON.stringify(s.Condition ?? {}).includes('"kms:ViaService":{"Fn::Sub":"dynamodb.'),
      );
      expect(viaDynamo).toHaveLength(1);
      expect(viaDynamo[0]).toMatchObject({
        Resource: { 'Fn::GetAtt': ['AuditKey', 'Arn'] },
        Condition: {
          StringEquals: {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
            'kms:ViaService': { 'Fn::Sub': 'dynamodb.${AWS::Region}.amazonaws.com' },
          },
        },
      });
    },
  );

  it.each(['AuditChangeLambdaFunction', 'SweepLambdaFunction'])(
    '%s is told the table and the routing tags',
    (fn) => {
      const environment = resource(fn)?.Properties?.Environment as { Variables: object };
      const variables = environment.Variables;
      expect(variables).toMatchObject({
        FINDING_STATE_TABLE: { Ref: 'FindingStateTable' },
        ROUTING_TAGS: 'team,owner',
      });
    },
  );
});

describe('the optional Slack notifier', () => {
  const slackResources = Object.entries(template.Resources).filter(
    ([id]) => id.startsWith('SlackNotifier') || id === 'AlertTopicDeadLetters',
  );

  it('has every resource behind the HasSlackWebhook condition (nothing deployed without a webhook)', () => {
    expect(slackResources.map(([, r]) => r.Type).sort()).toEqual([
      'AWS::IAM::Role',
      'AWS::Lambda::EventInvokeConfig',
      'AWS::Lambda::Function',
      'AWS::Lambda::Permission',
      'AWS::Lambda::Version',
      'AWS::Logs::LogGroup',
      'AWS::SNS::Subscription',
      'AWS::SQS::QueuePolicy',
    ]);
    for (const [id, r] of slackResources)
      expect([id, r.Condition]).toEqual([id, 'HasSlackWebhook']);
    expect((template as { Conditions?: object }).Conditions).toHaveProperty('HasSlackWebhook');
  });

  it('is subscribed to the alert topic, with undeliverable messages dead-lettered', () => {
    expect(resource('SlackNotifierSubscription')?.Properties).toMatchObject({
      TopicArn: { Ref: 'AlertTopic' },
      Protocol: 'lambda',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } },
    });
  });

  it('gets where the webhook URL is kept, never the URL', () => {
    const environment = resource('SlackNotifierLambdaFunction')?.Properties?.Environment as {
      Variables: object;
    };
    const variables = environment.Variables;
    expect(variables).toMatchObject({
      SLACK_WEBHOOK_PARAMETER: { Ref: 'SlackWebhookParameter' },
      SLACK_WEBHOOK_SECRET_ARN: { Ref: 'SlackWebhookSecretArn' },
    });
    expect(JSON.stringify(template)).not.toMatch(/hooks\.slack\.com/);
  });

  it('may read only the configured parameter or secret, each only when it is the one configured', () => {
    const conditional = statementsOf('SlackNotifierRole').filter(
      (s) => (s as unknown as Record<string, unknown>)['Fn::If'],
    ) as unknown as { 'Fn::If': [string, PolicyStatement, unknown] }[];
    expect(
      conditional.map(({ 'Fn::If': [condition, s] }) => [condition, s.Action, s.Resource]),
    ).toEqual([
      [
        'SlackWebhookInSsm',
        'ssm:GetParameter',
        {
          'Fn::Sub':
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
            'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SlackWebhookParameter}',
        },
      ],
      [
        'SlackWebhookInSecretsManager',
        'secretsmanager:GetSecretValue',
        { Ref: 'SlackWebhookSecretArn' },
      ],
    ]);
    const others = statementsOf('SlackNotifierRole').flatMap((s) => (s.Action ? actionsOf(s) : []));
    // Dead-lettering to the encrypted queue needs the stack key, through SQS only.
    expect(others.sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sqs:SendMessage',
    ]);
  });
});
