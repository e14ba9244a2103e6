/** Posting to a Slack incoming webhook: what is retried, how long it waits, what gives up. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postToSlack, SlackWebhookError } from '../../../shared/aws/slack-webhook';
import type { SlackMessage } from '../../../shared/notify/slack';
import { type LocalEndpoint, startLocalEndpoint } from '../../support/local-endpoint';

const MESSAGE: SlackMessage = { text: 'FAIL: gpu', blocks: [{ type: 'divider' }] };

let webhook: LocalEndpoint;
let waits: number[];
const sleep = async (ms: number) => {
  waits.push(ms);
};

beforeAll(async () => {
  webhook = await startLocalEndpoint();
});
afterAll(async () => {
  await webhook.stop();
});
beforeEach(() => {
  webhook.requests.splice(0);
  waits = [];
});

const url = () => new URL(`${webhook.url}/services/T/B/secret`);

describe('postToSlack', () => {
  it('posts the blocks as JSON', async () => {
    await postToSlack(url(), MESSAGE, { sleep });
    expect(webhook.requests).toHaveLength(1);
    expect(webhook.requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(webhook.requests[0]?.body ?? '')).toEqual(MESSAGE);
    expect(waits).toEqual([]);
  });

  it('waits as long as Retry-After asks on 429, capped, then doubles for 5xx', async () => {
    webhook.answerNext({ status: 429, headers: { 'retry-after': '30' } }, { status: 500 });
    await postToSlack(url(), MESSAGE, { sleep, attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 });
    expect(webhook.requests).toHaveLength(3);
    expect(waits).toEqual([5000, 200]);
  });

  it('gives up after its attempts with the last status, never naming the URL', async () => {
    webhook.answerNext({ status: 502 }, { status: 502 }, { status: 502 });
    const error = await postToSlack(url(), MESSAGE, { sleep, baseDelayMs: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(SlackWebhookError);
    expect(error).toMatchObject({ status: 502 });
    expect(error.message).not.toContain('secret');
    expect(webhook.requests).toHaveLength(3);
  });

  it('does not retry a 404 (a revoked or mistyped webhook does not heal in seconds)', async () => {
    webhook.answerNext({ status: 404 });
    await expect(postToSlack(url(), MESSAGE, { sleep })).rejects.toMatchObject({ status: 404 });
    expect(webhook.requests).toHaveLength(1);
  });

  it('retries when the webhook cannot be reached', async () => {
    const closed = new URL('http://127.0.0.1:9/hook');
    await expect(
      postToSlack(closed, MESSAGE, { sleep, attempts: 2, baseDelayMs: 1 }),
    ).rejects.toThrow(/could not be reached/);
    expect(waits).toEqual([1]);
  });
});
