/**
 * What the packaged stack wires and grants: the trigger, the schedule, the
 * runtime, encryption, log retention, least privilege, and a clean cfn-lint.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EVENT_PATTERN } from '../../shared/events/cloudtrail-event';
import {
  actionsOf,
  packagedTemplate,
  resourcesOf,
  roleStatements,
  TEMPLATE_PATH,
} from '../support/packaged-template';

const template = packagedTemplate();
const resourcesOfType = (type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** Read-only verbs: everything else is a write for least-privilege purposes. */
const READ_ONLY = /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/;

/**
 * Write actions AWS offers no narrower resource for, as `<role>: <action>`: allowed to that role
 * only. Each is justified in docs/permissions.md ("Writes on Resource *"); adding one here
 * without a justification there is a review failure.
 */
const WRITES_ALLOWED_ON_STAR = new Set<string>([
  // The SSM agent on the probe instance (Run Command), as AmazonSSMManagedInstanceCore grants it.
  'ProbeInstanceRole: ssm:UpdateInstanceInformation',
  'ProbeInstanceRole: ec2messages:AcknowledgeMessage',
  'ProbeInstanceRole: ec2messages:DeleteMessage',
  'ProbeInstanceRole: ec2messages:FailMessage',
  'ProbeInstanceRole: ec2messages:SendReply',
  'ProbeInstanceRole: ssmmessages:CreateControlChannel',
  'ProbeInstanceRole: ssmmessages:CreateDataChannel',
  'ProbeInstanceRole: ssmmessages:OpenControlChannel',
  'ProbeInstanceRole: ssmmessages:OpenDataChannel',
  // The ECS agent on the probe instance, before it registers in the probe cluster.
  'ProbeInstanceRole: ecs:DiscoverPollEndpoint',
  // Step Functions' vended log delivery to the state machine's log group.
  'ProbeStateMachineRole: logs:CreateLogDelivery',
  'ProbeStateMachineRole: logs:UpdateLogDelivery',
  'ProbeStateMachineRole: logs:DeleteLogDelivery',
  'ProbeStateMachineRole: logs:PutResourcePolicy',
]);

describe('the packaged stack', () => {
  it('passes cfn-lint', () => {
    const lint = spawnSync('cfn-lint', [TEMPLATE_PATH], { encoding: 'utf8' });
    if (lint.error)
      throw new Error(`cfn-lint could not run (${lint.error.message}); pip install cfn-lint`);
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });

  it('triggers the change audit on Create/Update/DeleteComputeEnvironment CloudTrail events', () => {
    const rules = resourcesOfType('AWS::Events::Rule').map(([, r]) => r.Properties ?? {});
    const patterns = rules.map((p) => p.EventPattern).filter(Boolean);
    expect(patterns).toContainEqual(EVENT_PATTERN);
    expect(EVENT_PATTERN).toEqual({
      source: ['aws.batch'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['batch.amazonaws.com'],
        eventName: [
          'CreateComputeEnvironment',
          'UpdateComputeEnvironment',
          'DeleteComputeEnvironment',
        ],
      },
    });
  });

  it('sweeps once a day by default', () => {
    const schedules = resourcesOfType('AWS::Events::Rule')
      .map(([, r]) => r.Properties?.ScheduleExpression)
      .filter(Boolean);
    expect(schedules).toContain('rate(1 day)');
  });

  it('runs every function on nodejs24.x, with its own role and a dead-letter destination', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [, fn] of functions) expect(fn.Properties?.Runtime).toBe('nodejs24.x');
    const roles = functions.map(([, fn]) => JSON.stringify(fn.Properties?.Role));
    expect(new Set(roles).size).toBe(roles.length);
    const asyncConfigs = resourcesOfType('AWS::Lambda::EventInvokeConfig').map(
      ([, r]) => r.Properties,
    );
    for (const config of asyncConfigs) {
      expect(config?.DestinationConfig).toMatchObject({
        OnFailure: { Destination: expect.anything() },
      });
    }
  });

  it('grants no write action on Resource "*"', () => {
    const offending = roleStatements(template).flatMap(({ role, statement }) =>
      resourcesOf(statement).includes('*')
        ? actionsOf(statement)
            .filter((action) => !READ_ONLY.test(action))
            .map((action) => `${role}: ${action}`)
            .filter((grant) => !WRITES_ALLOWED_ON_STAR.has(grant))
        : [],
    );
    expect(offending).toEqual([]);
  });

  it('encrypts the alert topic and the dead-letter queue with its own key', () => {
    for (const [, topic] of resourcesOfType('AWS::SNS::Topic')) {
      expect(topic.Properties?.KmsMasterKeyId).toEqual({ Ref: 'AuditKey' });
    }
    for (const [, queue] of resourcesOfType('AWS::SQS::Queue')) {
      expect(
        queue.Properties?.KmsMasterKeyId ?? queue.Properties?.SqsManagedSseEnabled,
      ).toBeTruthy();
    }
    const [[, key] = ['', undefined]] = resourcesOfType('AWS::KMS::Key');
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
  });

  it('sets a retention on every log group', () => {
    const groups = resourcesOfType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const [, group] of groups) expect(group.Properties?.RetentionInDays).toBeGreaterThan(0);
  });

  it('subscribes the alert email only when one is given', () => {
    const [[, subscription] = ['', undefined]] = resourcesOfType('AWS::SNS::Subscription');
    expect(subscription?.Condition).toBe('HasAlertEmail');
    expect(template.Parameters).toHaveProperty('AlertEmail');
  });
});
