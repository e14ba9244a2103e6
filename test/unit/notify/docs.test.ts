import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatNotificationJsonSchema,
  notificationDocumentSchema,
} from '../../../shared/notify/document-schema';

const doc = readFileSync(new URL('../../../docs/notifications.md', import.meta.url), 'utf8');

describe('docs/notifications.md', () => {
  it('documents every field of the notification documents', () => {
    const defs = JSON.parse(formatNotificationJsonSchema()).$defs as Record<
      string,
      { properties: Record<string, unknown> }
    >;
    const fields = ['FindingsNotification', 'FindingChange', 'DigestNotification'].flatMap((name) =>
      Object.keys(defs[name]?.properties ?? {}),
    );
    expect(fields.length).toBeGreaterThan(30);
    expect(fields.filter((field) => !doc.includes(`| \`${field}\` |`))).toEqual([]);
  });

  it('shows an example that is a valid notification', () => {
    const example = /```json\n(\{\n {2}"schemaVersion"[\s\S]+?)```/.exec(doc)?.[1] ?? '';
    expect(notificationDocumentSchema.safeParse(JSON.parse(example)).success).toBe(true);
  });

  it('documents every message attribute the golden messages carry', () => {
    const attributes = new Set(
      ['failing', 'resolved', 'digest'].flatMap((name) =>
        Object.keys(
          JSON.parse(
            readFileSync(
              new URL(`../../golden/notify/${name}.attributes.json`, import.meta.url),
              'utf8',
            ),
          ),
        ),
      ),
    );
    const missing = [...attributes].filter((a) => !doc.includes(`| \`${a}\` |`));
    expect(missing).toEqual([]);
  });
});
