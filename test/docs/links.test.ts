/**
 * Every relative link in README.md and docs/ points at a file that exists, so a page that moves
 * or a typo does not leave a reader at a dead end. (Anchors and web links are not checked.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
  ...readdirSync(join(root, 'docs/adr')).map((file) => `docs/adr/${file}`),
];

/** Targets of Markdown links `[text](target)` outside code blocks and spans. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^(https?:|mailto:|#)/.test(target))
    .map((target) => target.split('#')[0] ?? '');
}

describe('documentation links', () => {
  it.each(pages)('%s links only to files that exist', (page) => {
    const missing = relativeLinks(readFileSync(join(root, page), 'utf8')).filter(
      (target) => !existsSync(join(root, dirname(page), target)),
    );
    expect(missing).toEqual([]);
  });
});
