/**
 * Decides what to do with one EventBridge event: audit a compute environment, or ignore the
 * event with a reason. The result only identifies the compute environment; the handler
 * re-describes it, because the request body is what someone asked for, not what Batch did
 * (and CloudTrail may omit or redact parts of it).
 */
import type { z } from 'zod';
import { InvalidEventError } from '../errors';
import {
  AUDITED_EVENT_NAMES,
  type AuditDetail,
  type AuditedEventName,
  auditEventSchema,
  BATCH_EVENT_SOURCE,
  BATCH_SOURCE,
  CLOUDTRAIL_DETAIL_TYPE,
  DELETE_EVENT_NAME,
  type Envelope,
  envelopeSchema,
} from './cloudtrail-event';
import { describeIssues, issuePaths } from './zod-issues';

/** An event that calls for an audit of one compute environment. */
export interface AuditRequest {
  readonly kind: 'audit';
  /** The compute environment's ARN when the event carries it, else its name. */
  readonly computeEnvironment: string;
  readonly eventName: AuditedEventName;
  /** Where the compute environment lives (`detail.awsRegion`). */
  readonly region: string;
  /** The account that owns it (`detail.recipientAccountId`, else the event's `account`). */
  readonly accountId: string;
  /** CloudTrail's id for the call (`detail.eventID`), for de-duplicating redeliveries. */
  readonly eventId: string;
  /** When the call was made (`detail.eventTime`, else the event's `time`). */
  readonly eventTime: string;
}

/** A compute environment was deleted: nothing to audit, but its findings resolve. */
export interface DeletedComputeEnvironment {
  readonly kind: 'deleted';
  /** The compute environment's name (from the ARN when the caller used one). */
  readonly computeEnvironment: string;
  readonly region: string;
  readonly accountId: string;
  readonly eventId: string;
}

/** A well-formed event that needs no audit, and why. */
export interface IgnoredEvent {
  readonly kind: 'ignored';
  readonly reason: string;
}

export type ParsedEvent = AuditRequest | DeletedComputeEnvironment | IgnoredEvent;

/**
 * Reads an EventBridge event for a Batch Create/Update/DeleteComputeEnvironment call.
 *
 * @param input - the event exactly as EventBridge delivered it (untrusted).
 * @returns `audit` with the compute environment to re-describe, `deleted` with the compute
 *   environment whose findings resolve, or `ignored` with a reason (another source or call, or
 *   a call that failed so nothing changed).
 * @throws InvalidEventError naming the bad fields when the event is malformed.
 * @example
 * parseComputeEnvironmentEvent(event)
 * // { kind: 'audit', computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/gpu', … }
 */
export function parseComputeEnvironmentEvent(input: unknown): ParsedEvent {
  const envelope = validate(envelopeSchema, input);
  const elsewhere = notABatchCall(envelope);
  if (elsewhere) return { kind: 'ignored', reason: elsewhere };

  const { eventName, errorCode } = envelope.detail;
  if (eventName === DELETE_EVENT_NAME) {
    if (errorCode) {
      return {
        kind: 'ignored',
        reason: `DeleteComputeEnvironment failed with ${errorCode}; nothing was deleted.`,
      };
    }
    return deletedOf(input, envelope);
  }
  if (!isAudited(eventName)) {
    return {
      kind: 'ignored',
      reason: `${eventName} does not create or change a compute environment's AMI; nothing to audit.`,
    };
  }
  if (errorCode) return { kind: 'ignored', reason: failedCallReason(eventName, errorCode) };

  const { detail } = validate(auditEventSchema, input);
  return {
    kind: 'audit',
    computeEnvironment: computeEnvironmentOf(eventName, detail),
    eventName,
    region: detail.awsRegion,
    accountId: detail.recipientAccountId ?? envelope.account,
    eventId: detail.eventID,
    eventTime: detail.eventTime ?? envelope.time,
  };
}

function deletedOf(input: unknown, envelope: Envelope): DeletedComputeEnvironment {
  const { detail } = validate(auditEventSchema, input);
  const named = detail.requestParameters?.computeEnvironment;
  if (!named) {
    throw new InvalidEventError(
      'Malformed Batch CloudTrail event: the DeleteComputeEnvironment event names no compute ' +
        'environment (detail.requestParameters.computeEnvironment is missing).',
      ['detail.requestParameters.computeEnvironment'],
    );
  }
  return {
    kind: 'deleted',
    // Findings are keyed by name; the caller may have used the ARN (…:compute-environment/<name>).
    computeEnvironment: named.startsWith('arn:') ? (named.split('/').pop() ?? named) : named,
    region: detail.awsRegion,
    accountId: detail.recipientAccountId ?? envelope.account,
    eventId: detail.eventID,
  };
}

function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidEventError(
    `Malformed Batch CloudTrail event: ${describeIssues(result.error)}`,
    issuePaths(result.error),
    { cause: result.error },
  );
}

function notABatchCall(envelope: Envelope): string | undefined {
  const route = [envelope.source, envelope['detail-type'], envelope.detail.eventSource];
  const expected = [BATCH_SOURCE, CLOUDTRAIL_DETAIL_TYPE, BATCH_EVENT_SOURCE];
  if (route.every((value, i) => value === expected[i])) return undefined;
  return (
    `Not a Batch API call recorded by CloudTrail (source "${envelope.source}", ` +
    `detail-type "${envelope['detail-type']}", eventSource "${envelope.detail.eventSource}"); ` +
    'check the EventBridge rule pattern.'
  );
}

function isAudited(eventName: string): eventName is AuditedEventName {
  return (AUDITED_EVENT_NAMES as readonly string[]).includes(eventName);
}

function failedCallReason(eventName: AuditedEventName, errorCode: string): string {
  return eventName === 'CreateComputeEnvironment'
    ? `CreateComputeEnvironment failed with ${errorCode}; nothing was created.`
    : `UpdateComputeEnvironment failed with ${errorCode}; the compute environment was not changed.`;
}

/**
 * The ARN from the response when present (it is unambiguous across accounts and regions),
 * else the name or ARN the caller used.
 */
function computeEnvironmentOf(eventName: AuditedEventName, detail: AuditDetail): string {
  const response = detail.responseElements;
  const request = detail.requestParameters;
  const candidates =
    eventName === 'CreateComputeEnvironment'
      ? [
          ['detail.responseElements.computeEnvironmentArn', response?.computeEnvironmentArn],
          ['detail.responseElements.computeEnvironmentName', response?.computeEnvironmentName],
          ['detail.requestParameters.computeEnvironmentName', request?.computeEnvironmentName],
        ]
      : [
          ['detail.responseElements.computeEnvironmentArn', response?.computeEnvironmentArn],
          ['detail.requestParameters.computeEnvironment', request?.computeEnvironment],
          ['detail.responseElements.computeEnvironmentName', response?.computeEnvironmentName],
        ];
  const found = candidates.find(([, value]) => value)?.[1];
  if (found) return found;
  const fields = candidates.map(([field]) => field as string);
  throw new InvalidEventError(
    `Malformed Batch CloudTrail event: the ${eventName} event names no compute environment ` +
      `(${fields.join(', ')} are all missing).`,
    fields,
  );
}
