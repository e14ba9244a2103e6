import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWaiverFile } from '../../../shared/waivers/load';

describe('the repository waiver file', () => {
  it('is valid, so the stack packages and the functions start', () => {
    const text = readFileSync(new URL('../../../waivers.yml', import.meta.url), 'utf8');
    expect(Array.isArray(parseWaiverFile(text, 'waivers.yml'))).toBe(true);
  });

  it('documents an example that is itself a valid waiver once uncommented', () => {
    const text = readFileSync(new URL('../../../waivers.yml', import.meta.url), 'utf8');
    const example = text
      .split('\n')
      .filter((line) => line.startsWith('#   '))
      .map((line) => line.slice(3).replace(/\s+#.*$/, ''))
      .join('\n');
    expect(parseWaiverFile(`version: 1\nwaivers:\n${example}\n`, 'example')).toEqual([
      expect.objectContaining({ rule: 'image-hvm', expires: '2027-03-31' }),
    ]);
  });
});
