/**
 * The published JSON contract of notifications: what SQS, Lambda, HTTP and `default` subscribers
 * receive (docs/notifications.md; `docs/notification.schema.json` is generated from this).
 *
 * Two documents, told apart by `type`: `batch-ami-auditor.findings` (what changed for one
 * compute environment and AMI) and `batch-ami-auditor.digest` (one per sweep). Objects are not
 * strict: consumers must ignore fields they do not know, because fields may be added without
 * bumping `schemaVersion`.
 */
import { z } from 'zod';
import { auditReportSchema, findingSchema } from '../core/report-schema';

/** Version 2: change-only messages (version 1 was one message per failing report). */
export const NOTIFICATION_SCHEMA_VERSION = 2;
/** `type` of the message about one compute environment and AMI. */
export const FINDINGS_TYPE = 'batch-ami-auditor.findings';
/** `type` of a sweep's digest. */
export const DIGEST_TYPE = 'batch-ami-auditor.digest';

const severitySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
const verdictSchema = z.enum(['PASS', 'FAIL', 'INCONCLUSIVE']);
const openStatusSchema = z.enum(['FAIL', 'INCONCLUSIVE', 'ERROR']);

const computeEnvironmentSchema = z.object({ name: z.string(), arn: z.string().optional() }).meta({
  id: 'ComputeEnvironmentRef',
  description: 'A compute environment: name, and ARN when known.',
});

/** One finding whose state people are told about. */
export const findingChangeSchema = z
  .object({
    change: z
      .enum(['new', 'regressed', 'changed', 'resolved'])
      .describe(
        'new: first seen; regressed: open again after it was resolved; changed: its status, severity or waiver changed; resolved: fixed, or its AMI or compute environment is gone.',
      ),
    ruleId: z.string(),
    title: z.string(),
    level: z.enum(['required', 'recommended', 'advisory']),
    severity: severitySchema,
    status: openStatusSchema.or(z.literal('RESOLVED')).describe('The status now.'),
    previous: z
      .object({ status: openStatusSchema.or(z.literal('RESOLVED')), severity: severitySchema })
      .nullable()
      .describe('What people were told before; null for a new finding.'),
    resolution: z
      .enum(['passes', 'ami-replaced', 'compute-environment-deleted', 'no-longer-required'])
      .nullable()
      .describe(
        'Why it resolved: the rule passes now, the compute environment moved to another AMI, the compute environment was deleted, or the rule is no longer required here. Null unless resolved.',
      ),
    message: z.string().describe('What is wrong now, or for a resolved finding what was wrong.'),
    finding: findingSchema
      .nullable()
      .describe(
        'The finding as this audit reported it; null when the AMI or compute environment is gone.',
      ),
  })
  .meta({ id: 'FindingChange', description: 'One finding whose state people are told about.' });

const changeCountsSchema = z.object({
  new: z.number().int().nonnegative().describe('new and regressed findings'),
  changed: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
});

/** What changed for one compute environment and AMI. */
export const findingsDocumentSchema = z
  .object({
    schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
    type: z.literal(FINDINGS_TYPE),
    auditId: z.string().describe('The audit that produced it; stable across retries.'),
    runKind: z.enum(['change', 'sweep', 'deleted', 'probe']),
    generatedAt: z.iso.datetime(),
    event: z
      .enum(['alert', 'resolved'])
      .describe(
        'alert when anything is new, regressed or changed; resolved when everything in it resolved.',
      ),
    verdict: verdictSchema
      .nullable()
      .describe('The verdict of this compute environment and AMI now; null when it is gone.'),
    verdictReason: z
      .string()
      .nullable()
      .describe(
        'Why the verdict is what it is when findings alone do not say (e.g. no host facts).',
      ),
    highestSeverity: severitySchema
      .nullable()
      .describe('Most severe severity among the changes (for a resolution, what it was).'),
    computeEnvironment: computeEnvironmentSchema,
    amiId: z.string().nullable().describe('Null when the AMI could not be resolved at all.'),
    origin: z.string().nullable().describe('Where the compute environment takes the AMI from.'),
    region: z.string(),
    accountId: z.string(),
    routingTags: z
      .record(z.string(), z.string())
      .describe("The compute environment's routing tags (configured names only)."),
    failedRules: z
      .array(z.string())
      .describe('Required rules that FAIL now, waived ones left out.'),
    counts: changeCountsSchema,
    changes: z
      .array(findingChangeSchema)
      .describe('What people are told about, most severe first.'),
    problems: z
      .array(findingSchema)
      .describe('Everything open now that decides the verdict, changed or not, most severe first.'),
    waived: z
      .array(findingSchema)
      .describe('Open findings under a waiver in force: reported, never alerted.'),
    consoleUrl: z.string().describe('The compute environment in the AWS Batch console.'),
    report: auditReportSchema
      .nullable()
      .describe('The whole report; null when gone, or left out to keep the message under 256 KB.'),
  })
  .meta({
    id: 'FindingsNotification',
    description: 'What changed for one compute environment and AMI.',
  });

/** A digest's changes of one compute environment and AMI. */
export const digestGroupSchema = z
  .object({
    computeEnvironment: computeEnvironmentSchema,
    amiId: z.string().nullable(),
    verdict: verdictSchema.nullable(),
    routingTags: z.record(z.string(), z.string()),
    changes: z.array(findingChangeSchema.omit({ finding: true })),
  })
  .meta({ id: 'DigestGroup', description: 'The changes of one compute environment and AMI.' });

/** A digest's worst offender. */
export const offenderSchema = z
  .object({
    computeEnvironment: computeEnvironmentSchema,
    amiId: z.string().nullable(),
    verdict: verdictSchema,
    highestSeverity: severitySchema.nullable(),
    failedRules: z.array(z.string()),
    problems: z.number().int().nonnegative(),
  })
  .meta({ id: 'Offender', description: 'A compute environment and AMI among the worst now.' });

/** One sweep: totals, changes, worst offenders. */
export const digestDocumentSchema = z
  .object({
    schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
    type: z.literal(DIGEST_TYPE),
    auditId: z.string(),
    generatedAt: z.iso.datetime(),
    region: z.string(),
    accountId: z.string(),
    verdict: verdictSchema.describe('The worst verdict of the sweep.'),
    highestSeverity: severitySchema.nullable().describe('Most severe severity among the changes.'),
    totals: z
      .object({
        computeEnvironments: z.number().int().nonnegative(),
        reports: z.number().int().nonnegative(),
        verdicts: z.object({
          PASS: z.number().int().nonnegative(),
          FAIL: z.number().int().nonnegative(),
          INCONCLUSIVE: z.number().int().nonnegative(),
        }),
        waived: z.number().int().nonnegative().describe('Findings under a waiver in force.'),
      })
      .describe('What the sweep audited.'),
    counts: changeCountsSchema,
    groups: z.array(digestGroupSchema).describe('The changes, by compute environment and AMI.'),
    omittedGroups: z
      .number()
      .int()
      .nonnegative()
      .describe('Groups left out to keep the message under 256 KB (their changes are counted).'),
    worstOffenders: z.array(offenderSchema).describe('Up to five, worst first.'),
    consoleUrl: z.string().describe('The compute environments in the AWS Batch console.'),
  })
  .meta({ id: 'DigestNotification', description: 'One sweep: counts, changes, worst offenders.' });

/** Any notification document. */
export const notificationDocumentSchema = z
  .discriminatedUnion('type', [findingsDocumentSchema, digestDocumentSchema])
  .meta({
    title: 'batch-ami-auditor notification',
    description:
      'The JSON document batch-ami-auditor publishes to SNS for SQS, Lambda, HTTP and default subscribers.',
  });

/** The schema's types, read-only like the report types they embed. */
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type FindingChange = DeepReadonly<z.infer<typeof findingChangeSchema>>;
export type FindingsDocument = DeepReadonly<z.infer<typeof findingsDocumentSchema>>;
export type DigestDocument = DeepReadonly<z.infer<typeof digestDocumentSchema>>;
export type DigestGroup = DeepReadonly<z.infer<typeof digestGroupSchema>>;
export type Offender = DeepReadonly<z.infer<typeof offenderSchema>>;
export type NotificationDocument = DeepReadonly<z.infer<typeof notificationDocumentSchema>>;

/** `docs/notification.schema.json`. */
export function formatNotificationJsonSchema(): string {
  const schema = z.toJSONSchema(notificationDocumentSchema, { io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
