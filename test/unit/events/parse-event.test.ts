import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidEventError, InvalidInputError } from '../../../shared/errors';
import { parseComputeEnvironmentEvent } from '../../../shared/events/parse-event';

const FIXTURES = new URL('../../fixtures/events/', import.meta.url);

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
}

/** Catches what `fn` throws so a test can assert on it (fails when nothing is thrown). */
function thrownBy(fn: () => unknown): InvalidEventError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error('expected an InvalidEventError, but nothing was thrown');
}

describe('parseComputeEnvironmentEvent: events to audit', () => {
  it('identifies a created compute environment by the ARN in the response', () => {
    expect(parseComputeEnvironmentEvent(fixture('create-compute-environment.json'))).toEqual({
      kind: 'audit',
      computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/gpu-training',
      eventName: 'CreateComputeEnvironment',
      region: 'us-east-1',
      accountId: '123456789012',
      eventId: 'b7a6c5d4-e3f2-4a1b-8c9d-0e1f2a3b4c5d',
      eventTime: '2026-03-02T09:15:21Z',
    });
  });

  it('identifies an updated compute environment by the name the caller used', () => {
    const parsed = parseComputeEnvironmentEvent(fixture('update-by-name.json'));
    expect(parsed).toMatchObject({
      kind: 'audit',
      computeEnvironment: 'etl-spot',
      eventName: 'UpdateComputeEnvironment',
      region: 'eu-west-1',
    });
  });

  it('identifies an updated compute environment by the ARN in the request when the response is null', () => {
    const parsed = parseComputeEnvironmentEvent(fixture('update-by-arn.json'));
    expect(parsed).toMatchObject({
      kind: 'audit',
      computeEnvironment: 'arn:aws:batch:us-west-2:210987654321:compute-environment/arm-builds',
      accountId: '210987654321',
    });
  });

  it('prefers the response ARN over the name in an update request', () => {
    const event = fixture('update-by-name.json');
    const detail = event.detail as Record<string, unknown>;
    detail.responseElements = {
      computeEnvironmentName: 'etl-spot',
      computeEnvironmentArn: 'arn:aws:batch:eu-west-1:123456789012:compute-environment/etl-spot',
    };
    expect(parseComputeEnvironmentEvent(event)).toMatchObject({
      computeEnvironment: 'arn:aws:batch:eu-west-1:123456789012:compute-environment/etl-spot',
    });
  });

  it('falls back to the envelope account and time when the record lacks them', () => {
    const event = fixture('update-by-name.json');
    const detail = event.detail as Record<string, unknown>;
    delete detail.recipientAccountId;
    delete detail.eventTime;
    expect(parseComputeEnvironmentEvent(event)).toMatchObject({
      accountId: '123456789012',
      eventTime: '2026-03-05T14:02:11Z',
    });
  });

  it('ignores the AMI fields of the request: the result only names the compute environment', () => {
    const parsed = parseComputeEnvironmentEvent(fixture('create-compute-environment.json'));
    expect(JSON.stringify(parsed)).not.toContain('ami-');
  });
});

describe('parseComputeEnvironmentEvent: events to ignore', () => {
  it('ignores a failed create, saying nothing was created', () => {
    expect(parseComputeEnvironmentEvent(fixture('create-failed-access-denied.json'))).toEqual({
      kind: 'ignored',
      reason: 'CreateComputeEnvironment failed with AccessDenied; nothing was created.',
    });
  });

  it('ignores a failed update, saying the compute environment was not changed', () => {
    const event = fixture('update-by-name.json');
    (event.detail as Record<string, unknown>).errorCode = 'ClientException';
    expect(parseComputeEnvironmentEvent(event)).toEqual({
      kind: 'ignored',
      reason:
        'UpdateComputeEnvironment failed with ClientException; the compute environment was not changed.',
    });
  });

  it('reads DeleteComputeEnvironment as a deleted compute environment (its findings resolve)', () => {
    expect(parseComputeEnvironmentEvent(fixture('delete-compute-environment.json'))).toEqual({
      kind: 'deleted',
      computeEnvironment: 'old-ce',
      region: 'us-east-1',
      accountId: '123456789012',
      eventId: 'c3d4e5f6-a7b8-4c9d-0e1f-2a3b4c5d6e7f',
    });
  });

  it('names a compute environment deleted by ARN by its name, as findings are keyed', () => {
    const event = fixture('delete-compute-environment.json');
    (event.detail as { requestParameters: Record<string, string> }).requestParameters = {
      computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/old-ce',
    };
    expect(parseComputeEnvironmentEvent(event)).toMatchObject({ computeEnvironment: 'old-ce' });
  });

  it('ignores a DeleteComputeEnvironment call that failed', () => {
    const event = fixture('delete-compute-environment.json');
    (event.detail as Record<string, unknown>).errorCode = 'ClientException';
    const parsed = parseComputeEnvironmentEvent(event);
    expect(parsed.kind === 'ignored' && parsed.reason).toBe(
      'DeleteComputeEnvironment failed with ClientException; nothing was deleted.',
    );
  });

  it('ignores a failed call even when the record lacks the fields an audit would need', () => {
    const event = fixture('create-failed-access-denied.json');
    delete (event.detail as Record<string, unknown>).eventID;
    expect(parseComputeEnvironmentEvent(event).kind).toBe('ignored');
  });

  it('ignores an event from another service, pointing at the rule pattern', () => {
    const event = fixture('create-compute-environment.json');
    event.source = 'aws.ec2';
    (event.detail as Record<string, unknown>).eventSource = 'ec2.amazonaws.com';
    const parsed = parseComputeEnvironmentEvent(event);
    expect(parsed).toMatchObject({ kind: 'ignored' });
    expect(parsed.kind === 'ignored' && parsed.reason).toMatch(/aws\.ec2.*rule pattern/);
  });
});

describe('parseComputeEnvironmentEvent: malformed events', () => {
  it.each([
    ['malformed/missing-event-id.json', 'detail.eventID'],
    ['malformed/no-detail.json', 'detail'],
    ['malformed/bad-account.json', 'account'],
    ['malformed/bad-arn.json', 'detail.responseElements.computeEnvironmentArn'],
  ])('%s is rejected naming %s', (name, field) => {
    const error = thrownBy(() => parseComputeEnvironmentEvent(fixture(name)));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.fields).toContain(field);
    expect(error.message).toContain(`${field}:`);
  });

  it('rejects an update that names no compute environment, listing where it looked', () => {
    const error = thrownBy(() =>
      parseComputeEnvironmentEvent(fixture('malformed/no-compute-environment.json')),
    );
    expect(error.message).toContain('names no compute environment');
    expect(error.fields).toEqual([
      'detail.responseElements.computeEnvironmentArn',
      'detail.requestParameters.computeEnvironment',
      'detail.responseElements.computeEnvironmentName',
    ]);
  });

  it('rejects an event time that is not a date', () => {
    const event = fixture('create-compute-environment.json');
    (event.detail as Record<string, unknown>).eventTime = 'yesterday';
    const error = thrownBy(() => parseComputeEnvironmentEvent(event));
    expect(error.message).toContain('detail.eventTime: expected an ISO-8601 date and time');
  });

  it.each([null, 'a string', 42, []])('rejects %j, which is not an event at all', (input) => {
    const error = thrownBy(() => parseComputeEnvironmentEvent(input));
    expect(error.message).toMatch(/^Malformed Batch CloudTrail event: /);
  });
});
