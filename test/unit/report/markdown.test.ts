import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../shared/report/markdown';
import {
  failingReport,
  hostileReport,
  inconclusiveReport,
  passingReport,
  run,
} from './support/reports';

/** Cells of a GFM table row, splitting on `|` that is not escaped. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('renderMarkdown', () => {
  it('starts with a heading that carries the verdict', () => {
    expect(renderMarkdown(failingReport).split('\n')[0]).toBe('## ❌ FAIL: old-box');
    expect(renderMarkdown(passingReport).split('\n')[0]).toBe('## ✅ PASS: good-box');
  });

  it('tables every finding, problems first', () => {
    const rows = renderMarkdown(failingReport)
      .split('\n')
      .filter((l) => l.startsWith('| '));

    expect(cells(rows[0] ?? '')).toEqual(['Status', 'Rule', 'Level', 'Severity', 'Result']);
    expect(rows.slice(2).map((r) => cells(r).slice(0, 2))).toEqual([
      ['❌ FAIL', '`kernel-version`'],
      ['❌ FAIL', '`ecs-agent-current`'],
      ['✅ PASS', '`docker-version`'],
      ['➖ NOT_APPLICABLE', '`nvidia-runtime`'],
    ]);
  });

  it('details each problem with evidence, impact and fix, and warnings separately', () => {
    const md = renderMarkdown(failingReport);
    const problems = md.indexOf('### Problems');
    const warnings = md.indexOf('### Warnings (not counted in the verdict)');

    expect(md).toContain('#### ❌ `kernel-version`: Linux kernel is 3.10 or newer');
    expect(md).toContain('- `cmd:uname -r`: `3.2.0-4-amd64` (exit 0)');
    expect(md).toContain(
      '**Fix:** Rebuild the AMI from a current base image whose kernel is 3.10 or newer.',
    );
    expect(problems).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(problems);
    expect(md.indexOf('#### ❌ `ecs-agent-current`')).toBeGreaterThan(warnings);
  });

  it('quotes the reason for an INCONCLUSIVE verdict', () => {
    expect(renderMarkdown(inconclusiveReport)).toContain(
      '> The probe instance never came online in SSM (ssm\\_never\\_online).',
    );
  });

  it('keeps hostile text from breaking the table or injecting HTML', () => {
    const md = renderMarkdown(hostileReport);
    const kernelRow = md.split('\n').find((l) => l.startsWith('| ❌ FAIL'));

    const outsideCode = md.replace(/(`+).+?\1(?!`)/g, '');

    expect(cells(kernelRow ?? '')).toHaveLength(5);
    expect(outsideCode).not.toContain('<script>');
    expect(outsideCode).toContain('\\<script\\>');
    expect(md).not.toContain('\u0000');
    expect(md).not.toContain('\u001b');
    expect(md.split('\n')[0]).toBe('## ❌ FAIL: evil \\<box\\> &amp; "co"');
  });

  it('summarises a run in a table of targets, then a section per target', () => {
    const md = renderMarkdown(run);

    expect(md.split('\n')[0]).toBe('## ❌ FAIL: 3 targets');
    expect(md).toContain('| ⚠️ INCONCLUSIVE | ami-0abc (my-ce) | 1 | 0 |');
    expect(md).toContain('### ❌ FAIL: old-box');
    expect(md).toContain('### ✅ PASS: good-box');
  });
});
