/**
 * The fault matrix's rendering: rows into a Markdown table, and the table into its section of
 * docs/reliability.md (what the suites compare and the generator writes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, type FaultRow, GROUPS, renderTable, sectionOf, withSection } from './matrix';

const row: FaultRow = {
  id: 'x',
  fault: 'Throttling | every attempt',
  injectedAt: 'EC2:RunInstances\n(Launch)',
  expected: 'INCONCLUSIVE',
  observed: {
    verdict: 'INCONCLUSIVE (probe_failed)',
    verdicts: 1,
    probes: 1,
    leftRunning: '0',
    notifications: '1',
    deadLetters: '0',
  },
};

describe('renderTable', () => {
  it('writes one line per row, with pipes escaped and line breaks folded', () => {
    const lines = renderTable([row]).split('\n');

    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(
      '| Throttling \\| every attempt | EC2:RunInstances (Launch) | INCONCLUSIVE | INCONCLUSIVE (probe_failed) | 1 | 1 | 0 | 1 | 0 |',
    );
  });
});

describe('the doc sections', () => {
  const doc =
    'intro\n<!-- fault-matrix:crash:begin -->\nold\n<!-- fault-matrix:crash:end -->\nrest\n';

  it('replaces only the group section, and reads back what it wrote', () => {
    const updated = withSection(doc, 'crash', 'new table');

    expect(updated).toBe(
      'intro\n<!-- fault-matrix:crash:begin -->\nnew table\n<!-- fault-matrix:crash:end -->\nrest\n',
    );
    expect(sectionOf(updated, 'crash')).toBe('new table');
  });

  it('refuses a doc without the markers, and reads none from it', () => {
    expect(() => withSection(doc, 'probe', 'table')).toThrow(/lacks the markers/);
    expect(sectionOf(doc, 'probe')).toBeUndefined();
  });

  it('docs/reliability.md has a section for every group', () => {
    const reliability = readFileSync(DOC_PATH, 'utf8');
    for (const group of GROUPS) expect(sectionOf(reliability, group), group).toMatch(/^\| Fault/);
  });
});
