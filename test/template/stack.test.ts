/**
 * What the packaged stack wires: the trigger, the schedule, the runtime, the email
 * subscription, and a clean cfn-lint. Its security (least privilege, encryption, log
 * retention) is reviewed in test/security/template.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EVENT_PATTERN } from '../../shared/events/cloudtrail-event';
import { packagedTemplate, TEMPLATE_PATH } from '../support/packaged-template';

const template = packagedTemplate();
const resourcesOfType = (type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

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

  it('subscribes the alert email only when one is given', () => {
    const [[, subscription] = ['', undefined]] = resourcesOfType('AWS::SNS::Subscription');
    expect(subscription?.Condition).toBe('HasAlertEmail');
    expect(template.Parameters).toHaveProperty('AlertEmail');
  });
});
