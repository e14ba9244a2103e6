/**
 * The published JSON contract of audit reports, as a zod schema.
 *
 * The TypeScript types in `report.ts` and `rule.ts` are what the code builds; this schema is
 * what consumers read (`docs/report.schema.json` is generated from it, `docs/report-schema.md`
 * explains it). A type-level test keeps the two identical, so they cannot drift.
 *
 * Objects are not strict: a consumer must ignore fields it does not know, because optional
 * fields may be added without bumping `schemaVersion` (see docs/report-schema.md).
 */
import { z } from 'zod';
import { REPORT_SCHEMA_VERSION } from './report';

const toolSchema = z
  .object({
    name: z.literal('batch-ami-auditor'),
    version: z.string().describe('Version of the auditor that produced the report.'),
  })
  .describe('The program that produced the report.');

const verdictSchema = z
  .enum(['PASS', 'FAIL', 'INCONCLUSIVE'])
  .describe(
    'FAIL when a required rule failed; else INCONCLUSIVE when a required rule was inconclusive or errored; else PASS. Findings under a waiver in force are left out.',
  );

const findingStatusSchema = z
  .enum(['PASS', 'FAIL', 'INCONCLUSIVE', 'NOT_APPLICABLE', 'ERROR'])
  .describe('Outcome of one rule. ERROR: the rule itself threw while evaluating.');

const severitySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);

export const evidenceSchema = z
  .object({
    source: z
      .string()
      .describe(
        'What was looked at: `file:<path>`, `cmd:<command>` or `<service>:<API call>`, e.g. `cmd:uname -r`.',
      ),
    observed: z.string().describe('What it said, short (at most 300 characters) and redacted.'),
    exitStatus: z
      .number()
      .int()
      .optional()
      .describe('Exit status of the command (for files: 0 read, 1 missing), when there was one.'),
  })
  .meta({ id: 'Evidence', description: 'One piece of evidence a finding cites.' });

export const findingWaiverSchema = z
  .object({
    reason: z.string().describe('Why the risk was accepted.'),
    owner: z.string().describe('Who accepted it: a person or team to ask.'),
    expires: z.iso.date().describe('The last day the waiver applies (YYYY-MM-DD, UTC, inclusive).'),
    expired: z
      .boolean()
      .describe(
        'True once `expires` has passed: the waiver no longer applies and the finding counts again.',
      ),
  })
  .meta({
    id: 'FindingWaiver',
    description:
      'A waiver that matched the finding (docs/waivers.md). In force, the finding keeps its status but neither decides the verdict nor alerts.',
  });

export const findingSchema = z
  .object({
    ruleId: z
      .string()
      .describe('Stable rule id, e.g. `kernel-version` (see `batch-ami-audit rules`).'),
    title: z.string().describe('What the rule checks, as a sentence.'),
    scope: z
      .enum(['resolution', 'image', 'host', 'join'])
      .describe(
        'What the rule judges: whether the AMI could be resolved, the image metadata, facts from a booted host, or the ECS join test.',
      ),
    level: z
      .enum(['required', 'recommended', 'advisory'])
      .describe(
        'How much the spec insists, for this target. Only `required` findings decide the verdict.',
      ),
    severity: severitySchema.describe('How urgent a problem is, for people and alert routing.'),
    status: findingStatusSchema,
    message: z.string().describe('One sentence: what is wrong (or right), concretely.'),
    evidence: z.array(evidenceSchema).describe('What the finding is based on; may be empty.'),
    remediation: z.string().describe('How to fix a problem.'),
    impact: z.string().describe('What goes wrong in AWS Batch when the rule fails.'),
    specUrl: z.string().describe('The AWS Batch documentation the rule enforces.'),
    waiver: findingWaiverSchema
      .optional()
      .describe('The waiver that matched this finding, in force or expired; absent when none did.'),
  })
  .meta({ id: 'Finding', description: "One rule's result for one target." });

export const auditTargetSchema = z
  .object({
    kind: z.enum(['host', 'ami']).describe('A machine audited in place, or an AMI.'),
    label: z.string().describe('A short label for people: a hostname, a file name, an AMI id.'),
    amiId: z.string().optional(),
    hostname: z.string().optional(),
    computeEnvironment: z
      .object({ name: z.string(), arn: z.string().optional() })
      .optional()
      .describe('The compute environment that launches the AMI, when audited through one.'),
    origin: z
      .string()
      .optional()
      .describe(
        'Where the AMI came from, e.g. `launchTemplate lt-0abc@$Default` or `ec2Configuration[ECS_AL2023]`.',
      ),
    region: z.string().optional(),
    accountId: z.string().optional(),
  })
  .meta({ id: 'AuditTarget', description: 'What was audited.' });

const count = z.number().int().nonnegative();

export const findingSummarySchema = z
  .object({
    total: count.describe('Number of findings.'),
    byStatus: z
      .object({
        PASS: count,
        FAIL: count,
        INCONCLUSIVE: count,
        NOT_APPLICABLE: count,
        ERROR: count,
      })
      .describe('Number of findings with each status; every status is present.'),
    waived: count.describe(
      'Findings a waiver in force covers; they keep their status and are counted in byStatus too.',
    ),
    highestSeverity: severitySchema
      .nullable()
      .describe(
        'Most severe severity among FAIL, INCONCLUSIVE and ERROR findings no waiver covers; null when none.',
      ),
  })
  .meta({ id: 'FindingSummary', description: 'Counts, so consumers need not walk the findings.' });

const schemaVersionSchema = z
  .literal(REPORT_SCHEMA_VERSION)
  .describe('Version of this contract; bumped on any incompatible change.');

const generatedAtSchema = z.iso
  .datetime()
  .describe('When the report was produced (UTC, ISO-8601).');

export const auditReportSchema = z
  .object({
    schemaVersion: schemaVersionSchema,
    tool: toolSchema,
    generatedAt: generatedAtSchema,
    target: auditTargetSchema,
    verdict: verdictSchema,
    verdictReason: z
      .string()
      .optional()
      .describe(
        'Why the verdict is INCONCLUSIVE or FAIL without host facts, e.g. the probe never came online.',
      ),
    summary: findingSummarySchema,
    findings: z.array(findingSchema).describe('One finding per rule evaluated, in registry order.'),
  })
  .meta({ id: 'AuditReport', description: 'The audit of one target.' });

export const auditRunSchema = z
  .object({
    schemaVersion: schemaVersionSchema,
    tool: toolSchema,
    generatedAt: generatedAtSchema,
    verdict: verdictSchema.describe(
      'The worst verdict among the reports (FAIL > INCONCLUSIVE > PASS).',
    ),
    reports: z.array(auditReportSchema).describe('One report per target.'),
    notApplicable: z
      .array(
        z.object({
          computeEnvironment: z.string().describe('Name or ARN of the compute environment.'),
          reason: z.string().describe('Why it has no AMI to audit (Fargate, EKS, …).'),
        }),
      )
      .optional()
      .describe('Compute environments with no AMI to audit; absent when there are none.'),
  })
  .meta({ id: 'AuditRun', description: 'Several targets audited in one run (`ce`, `sweep`).' });

/** Any published report document: a single-target report or a multi-target run. */
export const auditDocumentSchema = z.union([auditReportSchema, auditRunSchema]).meta({
  title: 'batch-ami-auditor report',
  description:
    'The JSON report of batch-ami-auditor (`--format json`): an AuditReport for one target or an AuditRun for several.',
});

/**
 * The JSON Schema of reports, as published in `docs/report.schema.json` and printed by
 * `batch-ami-audit schema`.
 */
export function formatReportJsonSchema(): string {
  // `input` mode leaves `additionalProperties` open: consumers must accept fields added later.
  const schema = z.toJSONSchema(auditDocumentSchema, { io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
