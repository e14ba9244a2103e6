/** The SNS message around a document: per-protocol bodies, SNS's limits, escaping. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/core/rule';
import {
  buildDigestDocument,
  buildFindingsDocument,
  groupTransitions,
} from '../../../shared/notify/document';
import { renderSlack } from '../../../shared/notify/slack';
import { buildSnsMessage, MAX_MESSAGE_BYTES } from '../../../shared/notify/sns-message';
import { detectTransitions } from '../../../shared/notify/transitions';
import { BAD_AMI, ceReport, changeRun, evaluated, hvm, T0 } from './support/fixtures';

const OPTIONS = { routingTagNames: ['team', 'owner', 'cost-center'], now: T0 };
const context = {
  auditId: 'a',
  kind: 'change' as const,
  accountId: '123456789012',
  region: 'us-east-1',
  now: T0,
};

function findingsDocument(findings: readonly Finding[], ce = 'gpu') {
  const run = changeRun(
    [ceReport(ce, BAD_AMI, findings)],
    [evaluated(ce, [BAD_AMI], { team: 'ml', owner: 'alice', 'cost-center': '42' })],
  );
  const [group] = groupTransitions(detectTransitions([], run, OPTIONS));
  if (!group) throw new Error('expected one group');
  return buildFindingsDocument(group, context);
}

describe('buildSnsMessage', () => {
  it('gives email, https (Chatbot) and default (the JSON document) bodies; other protocols fall back to default', () => {
    const body = JSON.parse(buildSnsMessage(findingsDocument([hvm()])).message);
    expect(Object.keys(body).sort()).toEqual(['default', 'email', 'https']);
    expect(JSON.parse(body.default)).toMatchObject({ schemaVersion: 2, amiId: BAD_AMI });
    expect(JSON.parse(body.https)).toMatchObject({ version: '1.0', source: 'custom' });
    expect(body.email).toMatch(/^FAIL: compute environment gpu launches/);
  });

  it('stays within 10 message attributes however many routing tags there are', () => {
    const { attributes } = buildSnsMessage(findingsDocument([hvm()]));
    expect(Object.keys(attributes).length).toBeLessThanOrEqual(10);
    expect(attributes.tags).toEqual({
      DataType: 'String.Array',
      StringValue: '["team=ml","owner=alice","cost-center=42"]',
    });
  });

  it("leaves the report out, then evidence, to fit SNS's 256 KiB", () => {
    const huge = hvm();
    const evidence = Array.from({ length: 400 }, (_, i) => ({
      source: `file:/etc/${i}`,
      observed: 'x'.repeat(300),
    }));
    const message = buildSnsMessage(findingsDocument([{ ...huge, evidence }]));

    expect(Buffer.byteLength(message.message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const document = JSON.parse(JSON.parse(message.message).default);
    expect(document.report).toBeNull();
    expect(document.changes[0].ruleId).toBe('image-hvm');
  });

  it("drops a digest's last groups to fit, and counts them", () => {
    const reports = Array.from({ length: 600 }, (_, i) =>
      ceReport(`ce-${String(i).padStart(3, '0')}-${'n'.repeat(60)}`, BAD_AMI, [hvm()]),
    );
    const run = changeRun(
      reports,
      reports.map((r) => evaluated(r.target.computeEnvironment?.name ?? '', [BAD_AMI])),
      { kind: 'sweep', complete: true },
    );
    const digest = buildDigestDocument(run, detectTransitions([], run, OPTIONS), T0);
    const message = buildSnsMessage(digest);

    expect(Buffer.byteLength(message.message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const sent = JSON.parse(JSON.parse(message.message).default);
    expect(sent.counts.new).toBe(600);
    expect(sent.groups.length + sent.omittedGroups).toBe(600);
    expect(sent.omittedGroups).toBeGreaterThan(0);
    expect(JSON.parse(message.message).email).toContain('more compute environments changed');
  });

  it('keeps the subject ASCII, on one line, under 100 characters', () => {
    const long = findingsDocument([hvm()], `gpu-${'x'.repeat(120)}`);
    const { subject } = buildSnsMessage(long);
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^\[FAIL\] Batch AMI ami-0badbadbadbadbad0 in gpu-x+\.\.\.$/);
  });
});

describe('renderSlack', () => {
  it('escapes text from reports so it cannot form links or mentions', () => {
    const hostile = { ...hvm(), message: '<!channel> see <https://evil.example|here> & more' };
    const text = JSON.stringify(renderSlack(findingsDocument([hostile])).blocks);
    expect(text).toContain('&lt;!channel&gt; see &lt;https://evil.example|here&gt; &amp; more');
    expect(text).not.toContain('<!channel>');
  });
});
