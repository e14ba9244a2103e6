/**
 * Schemas for the EventBridge "AWS API Call via CloudTrail" event that carries a Batch
 * CreateComputeEnvironment or UpdateComputeEnvironment call (reference §2.5–2.6,
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-batch.html).
 *
 * Liberal in what they accept (every object passes unknown fields through, because CloudTrail
 * adds fields over time), strict on the fields the auditor reads.
 */
import { z } from 'zod';

/** EventBridge `source` of Batch events. */
export const BATCH_SOURCE = 'aws.batch';
/** EventBridge `detail-type` of CloudTrail-recorded API calls. */
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';
/** CloudTrail `eventSource` of Batch API calls. */
export const BATCH_EVENT_SOURCE = 'batch.amazonaws.com';
/** The calls that create or change a compute environment's AMI. */
export const AUDITED_EVENT_NAMES = [
  'CreateComputeEnvironment',
  'UpdateComputeEnvironment',
] as const;
export type AuditedEventName = (typeof AUDITED_EVENT_NAMES)[number];

/** The call that removes a compute environment: its findings resolve. */
export const DELETE_EVENT_NAME = 'DeleteComputeEnvironment';

/** The EventBridge rule pattern that delivers exactly the events this module handles. */
export const EVENT_PATTERN = {
  source: [BATCH_SOURCE],
  'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
  detail: {
    eventSource: [BATCH_EVENT_SOURCE],
    eventName: [...AUDITED_EVENT_NAMES, DELETE_EVENT_NAME],
  },
} as const;

const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id');
const isoTime = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date and time' });
const text = z.string().min(1);

/** A compute environment ARN, in any partition. */
export const computeEnvironmentArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:batch:[a-z0-9-]+:\d{12}:compute-environment\/.+$/,
    'expected a Batch compute environment ARN (arn:aws:batch:<region>:<account>:compute-environment/<name>)',
  );

/** The EventBridge envelope, with just enough of `detail` to route the event. */
export const envelopeSchema = z.looseObject({
  id: text,
  'detail-type': text,
  source: text,
  account: accountId,
  time: isoTime,
  region: text,
  detail: z.looseObject({
    eventSource: text,
    eventName: text,
    /** Present when the call failed (e.g. `AccessDenied`, `ClientException`). */
    errorCode: text.optional(),
  }),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** The CloudTrail record fields an audit needs. `null` is how CloudTrail writes "none". */
export const auditDetailSchema = z.looseObject({
  eventID: text,
  eventTime: isoTime.optional(),
  awsRegion: text,
  recipientAccountId: accountId.optional(),
  requestParameters: z
    .looseObject({
      /** CreateComputeEnvironment: the new compute environment's name. */
      computeEnvironmentName: text.optional(),
      /** Update/DeleteComputeEnvironment: the name or ARN of the compute environment. */
      computeEnvironment: text.optional(),
    })
    .nullish(),
  responseElements: z
    .looseObject({
      computeEnvironmentName: text.optional(),
      computeEnvironmentArn: computeEnvironmentArn.optional(),
    })
    .nullish(),
});
export type AuditDetail = z.infer<typeof auditDetailSchema>;

/** The whole event as an audit reads it, so issue paths start at the event root (`detail.…`). */
export const auditEventSchema = z.looseObject({ detail: auditDetailSchema });
