import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { evaluate } from '../../../shared/core/engine';
import type { AuditReport, AuditRun } from '../../../shared/core/report';
import { buildReport, buildRun } from '../../../shared/core/report';
import {
  auditDocumentSchema,
  auditReportSchema,
  type auditRunSchema,
  formatReportJsonSchema,
} from '../../../shared/core/report-schema';
import { RULES } from '../../../shared/rules/index';
import { NOW, run } from './support/reports';

type Writable<T> = T extends readonly (infer U)[]
  ? Writable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;

const SCHEMA_FILE = new URL('../../../docs/report.schema.json', import.meta.url);
const SCHEMA_DOC = new URL('../../../docs/report-schema.md', import.meta.url);

describe('the report schema', () => {
  it('describes exactly the TypeScript report types (tsc fails this test when they drift)', () => {
    expectTypeOf<z.infer<typeof auditReportSchema>>().toEqualTypeOf<Writable<AuditReport>>();
    expectTypeOf<z.infer<typeof auditRunSchema>>().toEqualTypeOf<Writable<AuditRun>>();
  });

  it('accepts what buildReport produces from the real rules, and drops nothing from it', () => {
    const report = buildReport({
      target: { kind: 'host', label: 'empty' },
      findings: evaluate({}, RULES),
      toolVersion: '0.1.0',
      now: NOW,
    });
    const multi = buildRun([report], '0.1.0', NOW);

    // Equality after parsing proves no field was stripped as unknown to the schema.
    expect(auditReportSchema.parse(report)).toEqual(report);
    expect(auditDocumentSchema.parse(multi)).toEqual(multi);
    expect(auditDocumentSchema.parse(run)).toEqual(run);
  });

  it('rejects a report with a status the contract does not know', () => {
    const report = buildReport({
      target: { kind: 'host', label: 'x' },
      findings: evaluate({}, RULES),
      toolVersion: '0.1.0',
      now: NOW,
    });
    const bad = { ...report, findings: [{ ...report.findings[0], status: 'WAIVED' }] };
    expect(auditReportSchema.safeParse(bad).error?.issues[0]?.path).toEqual([
      'findings',
      0,
      'status',
    ]);
  });

  it('is published, up to date, as docs/report.schema.json (regenerate: batch-ami-audit schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(formatReportJsonSchema());
  });

  it('has every field documented in docs/report-schema.md, whose example validates', () => {
    const doc = readFileSync(SCHEMA_DOC, 'utf8');
    const defs = JSON.parse(formatReportJsonSchema()).$defs as Record<
      string,
      { properties: Record<string, unknown> }
    >;
    const fields = Object.values(defs).flatMap((def) => Object.keys(def.properties));
    const example = /```json\n([\s\S]+?)```/.exec(doc)?.[1] ?? '';

    expect(fields.filter((field) => !doc.includes(`| \`${field}\` |`))).toEqual([]);
    expect(auditDocumentSchema.safeParse(JSON.parse(example)).success).toBe(true);
  });
});
