/**
 * The waiver file's contract (YAML or JSON; docs/waivers.md). Strict: an unknown key is a typo
 * (`expiry:` for `expires:`) that would silently waive nothing, or waive too much, so it fails.
 */
import { z } from 'zod';

/** The only `version:` a waiver file may declare. */
export const WAIVER_FILE_VERSION = 1;

/** 12 digits as a string: YAML reads an unquoted `012345678901` as a number and drops the 0. */
const accountId = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? "quote the account id (account: '012345678901'): unquoted, YAML reads a number"
        : 'expected a 12-digit AWS account id',
  })
  .regex(/^\d{12}$/, 'expected a 12-digit AWS account id');

/** Which targets a waiver covers. */
export const waiverMatchSchema = z
  .strictObject({
    computeEnvironment: z
      .string()
      .min(1)
      .optional()
      .describe('A compute environment name or glob pattern (`*`, `?`, `[abc]`), e.g. `legacy-*`.'),
    amiId: z
      .string()
      .regex(/^ami-[0-9a-f]{8,17}$/, 'expected an AMI id (ami- and 8 or 17 hex digits)')
      .optional(),
    account: accountId.optional(),
  })
  .describe(
    'Which targets the waiver covers; every criterion given must match. `{}` covers every target.',
  );

/** One waiver: a rule, where, why, who, until when. */
export const waiverSchema = z.strictObject({
  rule: z.string().min(1).describe('The rule id the waiver covers, e.g. `image-hvm`.'),
  match: waiverMatchSchema,
  reason: z.string().trim().min(1, 'say why the risk is accepted'),
  owner: z.string().trim().min(1, 'name who accepted the risk'),
  expires: z.iso.date('expected a date, YYYY-MM-DD').describe('Last day it applies (UTC).'),
});

/** The whole file. */
export const waiverFileSchema = z.strictObject({
  version: z.literal(WAIVER_FILE_VERSION, `expected version: ${WAIVER_FILE_VERSION}`),
  waivers: z.array(waiverSchema),
});

/** One waiver as the file states it. */
export type Waiver = z.infer<typeof waiverSchema>;
/** A waiver's `match`. */
export type WaiverMatch = z.infer<typeof waiverMatchSchema>;
