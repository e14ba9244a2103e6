/**
 * Writes the fault matrix tables of docs/reliability.md from the results the fault-matrix
 * suites wrote on their last run (test/fault-matrix/results/<group>.json). The prose around
 * the tables is kept as it is. Run the suites first:
 *
 *   npx vitest run test/fault-matrix
 *   node scripts/run-ts.mjs scripts/generate-reliability-doc.ts
 *
 * Each suite's last test fails while its table differs from what it observed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  DOC_PATH,
  GROUPS,
  readResults,
  renderTable,
  resultsPath,
  withSection,
} from '../test/fault-matrix/matrix';

let doc = readFileSync(DOC_PATH, 'utf8');
let rows = 0;
for (const group of GROUPS) {
  if (!existsSync(resultsPath(group))) {
    console.warn(
      `${resultsPath(group)} is missing: run its suite first; its table is left as it is`,
    );
    continue;
  }
  const results = readResults(group);
  rows += results.length;
  doc = withSection(doc, group, renderTable(results));
}
writeFileSync(DOC_PATH, doc);
console.log(`wrote ${DOC_PATH} (${rows} faults in ${GROUPS.length} groups)`);
