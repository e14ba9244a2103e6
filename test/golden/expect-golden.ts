/**
 * Golden files: the exact text a renderer produced once, reviewed, and kept. A test compares
 * with its golden file; `UPDATE_GOLDEN=1 npx vitest run <test>` rewrites them (review the diff).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = new URL('./', import.meta.url);

/**
 * Asserts that `actual` equals the golden file at `name` (relative to test/golden/), or
 * rewrites that file when UPDATE_GOLDEN=1.
 */
export function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(name, GOLDEN_DIR));
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: write it with UPDATE_GOLDEN=1, then review it`);
  }
  expect(actual, `differs from ${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(
    readFileSync(path, 'utf8'),
  );
}
