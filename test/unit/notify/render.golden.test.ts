/**
 * Every rendering of every kind of notification, against golden files (test/golden/notify/):
 * the email a person reads, the JSON document machines read, the Amazon Q Developer (Chatbot)
 * card and the Slack blocks. Documents come out of the real notifier, not hand-built.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../../shared/core/report';
import { buildReport } from '../../../shared/core/report';
import { createChangeOnlyNotifier } from '../../../shared/notify/change-notifier';
import {
  formatNotificationJsonSchema,
  type NotificationDocument,
  notificationDocumentSchema,
} from '../../../shared/notify/document-schema';
import { renderSlack } from '../../../shared/notify/slack';
import type { SnsMessage } from '../../../shared/notify/sns-message';
import type { NotificationRun } from '../../../shared/pipeline/ports';
import { applyWaivers } from '../../../shared/waivers/apply';
import { expectGolden } from '../../golden/expect-golden';
import {
  BAD_AMI,
  bootMode,
  capturePublisher,
  ceReport,
  changeRun,
  evaluated,
  GOOD_AMI,
  hvm,
  memoryStore,
  T0,
} from './support/fixtures';

const WAIVER = {
  rule: 'image-hvm',
  match: { computeEnvironment: 'render-*' },
  reason: 'Paravirtual render farm, retired with the Q2 migration (PLAT-1234).',
  owner: 'render-team@example.com',
  expires: '2027-03-31',
};

/** The messages a sequence of runs publishes; the last run's are returned. */
async function lastMessages(...runs: NotificationRun[]): Promise<SnsMessage[]> {
  const publisher = capturePublisher();
  const notifier = createChangeOnlyNotifier({
    store: memoryStore(),
    publisher,
    routingTagNames: ['team'],
    now: () => T0,
  });
  let before = 0;
  for (const run of runs) {
    before = publisher.sent.length;
    await notifier.publish(run);
  }
  return publisher.sent.slice(before);
}

const inconclusive: AuditReport = buildReport({
  ...{ target: ceReport('gpu-training', GOOD_AMI, []).target },
  findings: [hvm('PASS'), bootMode()],
  verdictReason: 'The probe instance never came online in SSM.',
  toolVersion: '0.1.0',
  now: T0,
});

const CASES: Record<string, () => Promise<SnsMessage[]>> = {
  failing: () =>
    lastMessages(
      changeRun(
        [ceReport('gpu-training', BAD_AMI, [hvm(), bootMode('PASS')])],
        [evaluated('gpu-training', [BAD_AMI])],
      ),
    ),
  inconclusive: () =>
    lastMessages(changeRun([inconclusive], [evaluated('gpu-training', [GOOD_AMI])])),
  resolved: () =>
    lastMessages(
      changeRun(
        [ceReport('gpu-training', BAD_AMI, [hvm()])],
        [evaluated('gpu-training', [BAD_AMI])],
      ),
      changeRun(
        [ceReport('gpu-training', GOOD_AMI, [hvm('PASS')])],
        [evaluated('gpu-training', [GOOD_AMI])],
        { auditId: 'change-evt-2' },
      ),
    ),
  waived: () =>
    lastMessages(
      changeRun(
        [applyWaivers(ceReport('render-farm', BAD_AMI, [hvm(), bootMode()]), [WAIVER], T0)],
        [evaluated('render-farm', [BAD_AMI], { team: 'render' })],
      ),
    ),
  digest: () =>
    lastMessages(
      changeRun(
        [ceReport('gpu-training', BAD_AMI, [hvm()])],
        [evaluated('gpu-training', [BAD_AMI])],
        {
          kind: 'sweep',
          complete: true,
          auditId: 'sweep-0',
        },
      ),
      changeRun(
        [
          ceReport('batch-default', GOOD_AMI, [hvm('PASS')]),
          ceReport('render-farm', BAD_AMI, [hvm(), bootMode()]),
          inconclusive,
        ],
        [
          evaluated('batch-default', [GOOD_AMI]),
          evaluated('render-farm', [BAD_AMI], { team: 'render' }),
          evaluated('gpu-training', [GOOD_AMI]),
        ],
        { kind: 'sweep', complete: true, auditId: 'sweep-1' },
      ),
    ),
};

describe.each(Object.keys(CASES))('the %s notification', (name) => {
  const message = async () => {
    const messages = await (CASES[name] as () => Promise<SnsMessage[]>)();
    expect(messages).toHaveLength(1);
    const sent = messages[0] as SnsMessage;
    const body = JSON.parse(sent.message) as Record<string, string>;
    return { sent, body, document: JSON.parse(body.default ?? '') as NotificationDocument };
  };

  it('reads well as an email (subject and plain text)', async () => {
    const { sent, body } = await message();
    expectGolden(`notify/${name}.email.txt`, `Subject: ${sent.subject}\n\n${body.email}`);
  });

  it('carries the versioned JSON document, valid against its published schema', async () => {
    const { body, document } = await message();
    expect(notificationDocumentSchema.parse(document)).toEqual(document);
    expectGolden(
      `notify/${name}.document.json`,
      `${JSON.stringify(JSON.parse(body.default ?? ''), null, 2)}\n`,
    );
  });

  it('renders as an Amazon Q Developer (Chatbot) custom notification', async () => {
    const { body } = await message();
    const card = JSON.parse(body.https ?? '');
    expect(card).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown' },
    });
    expectGolden(`notify/${name}.chatbot.json`, `${JSON.stringify(card, null, 2)}\n`);
  });

  it('renders as Slack blocks within Slack limits', async () => {
    const { document } = await message();
    const slack = renderSlack(document);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expectGolden(`notify/${name}.slack.json`, `${JSON.stringify(slack, null, 2)}\n`);
  });

  it('has message attributes for filter policies', async () => {
    const { sent } = await message();
    expectGolden(`notify/${name}.attributes.json`, `${JSON.stringify(sent.attributes, null, 2)}\n`);
  });
});

describe('docs/notification.schema.json', () => {
  it('is the published schema, up to date', () => {
    const published = readFileSync(
      new URL('../../../docs/notification.schema.json', import.meta.url),
      'utf8',
    );
    expect(published).toBe(formatNotificationJsonSchema());
  });
});
