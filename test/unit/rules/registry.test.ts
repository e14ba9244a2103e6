/**
 * The registry's contract: every rule is registered once, lives in a file named
 * after its id, carries complete metadata, and has passing and failing cases.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Rule, SEVERITIES } from '../../../shared/core/rule';
import { RULES } from '../../../shared/rules';
import { RULE_CASES } from './cases';

const RULES_DIR = join(import.meta.dirname, '../../../shared/rules');
const LEVELS = ['required', 'recommended', 'advisory'];
const SCOPES = ['resolution', 'image', 'host', 'join'];

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'id' in value && 'check' in value;
}

/** Every Rule exported by a top-level module of shared/rules, with the module's file name. */
async function exportedRules(): Promise<{ file: string; rule: Rule }[]> {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  const modules = await Promise.all(
    files.map(async (file) => ({
      file,
      module: (await import(join(RULES_DIR, file))) as Record<string, unknown>,
    })),
  );
  return modules.flatMap(({ file, module }) =>
    Object.values(module)
      .filter(isRule)
      .map((rule) => ({ file: basename(file, '.ts'), rule })),
  );
}

describe('rule registry', () => {
  it('has unique, kebab-case ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('keeps each rule in a file named after its id, and registers every rule a file exports', async () => {
    const exported = await exportedRules();
    for (const rule of RULES) {
      expect(
        exported.filter((e) => e.rule === rule).map((e) => e.file),
        rule.id,
      ).toEqual([rule.id]);
    }
    const unregistered = exported.filter((e) => !RULES.includes(e.rule)).map((e) => e.file);
    expect(unregistered).toEqual([]);
  });

  describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (_, rule) => {
    it('has complete metadata', () => {
      expect(rule.title.trim()).not.toBe('');
      expect(rule.spec.quote.trim()).not.toBe('');
      expect(rule.spec.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/\S+$/);
      expect(rule.impact.trim()).not.toBe('');
      expect(rule.remediation.trim()).not.toBe('');
      expect(SEVERITIES).toContain(rule.severity);
      expect(LEVELS).toContain(rule.level);
      expect(SCOPES).toContain(rule.scope);
    });

    it('says what PASS, FAIL and INCONCLUSIVE mean (for docs/rules.md)', () => {
      expect(rule.outcomes?.pass.trim()).toBeTruthy();
      expect(rule.outcomes?.fail.trim()).toBeTruthy();
      expect(rule.outcomes?.inconclusive.trim()).toBeTruthy();
    });

    it('has at least one passing and one failing case in test/unit/rules/cases', () => {
      const cases = RULE_CASES[rule.id];
      expect(cases?.pass.length, `no passing case for ${rule.id}`).toBeGreaterThan(0);
      expect(cases?.fail.length, `no failing case for ${rule.id}`).toBeGreaterThan(0);
    });
  });

  it('has no cases for rules that are not registered', () => {
    const ids = RULES.map((r) => r.id);
    expect(Object.keys(RULE_CASES).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('lists cases in registry order', () => {
    expect(Object.keys(RULE_CASES)).toEqual(RULES.map((r) => r.id));
  });

  it('lists resolution, then image rules first, in report order', () => {
    const imageRules = [
      'image-available',
      'image-linux',
      'image-hvm',
      'image-architecture',
      'image-ena-support',
      'image-boot-mode',
      'image-deprecated',
      'image-root-volume',
    ];
    expect(RULES.filter((r) => r.scope === 'image').map((r) => r.id)).toEqual(imageRules);
    expect(RULES.slice(0, imageRules.length + 1).map((r) => r.id)).toEqual([
      'ami-resolvable',
      ...imageRules,
    ]);
  });

  it('lists the host rules in report order', () => {
    expect(RULES.filter((r) => r.scope === 'host').map((r) => r.id)).toEqual([
      'kernel-version',
      'hvm-virtualization',
      'ecs-agent-installed',
      'ecs-agent-starts-at-boot',
      'ecs-agent-supervised',
      'ecs-agent-current',
      'awslogs-logging-driver',
      'docker-version',
      'docker-running',
      'docker-version-tested',
      'no-agent-checkpoint',
      'multi-node-compatible',
      'gpu-driver-loaded',
      'gpu-nvidia-runtime',
      'gpu-ecs-support-enabled',
    ]);
  });
});
