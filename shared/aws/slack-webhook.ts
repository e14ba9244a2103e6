/**
 * Posts a message to a Slack incoming webhook. 429 (rate limited) and 5xx answers, timeouts and
 * network errors are retried a few times with exponential backoff, honouring Retry-After; no
 * installed library does this for fetch, and the bound is small on purpose: after it the
 * function throws, Lambda retries the invocation twice more (minutes apart) and then sends the
 * message to the dead-letter queue. Other 4xx answers (a revoked or mistyped webhook) are not
 * retried here: they will not heal in seconds.
 *
 * IAM: none (an HTTPS call to Slack).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SlackMessage } from '../notify/slack';

/** How hard {@link postToSlack} tries; the defaults suit the Lambda. */
export interface PostOptions {
  /** Tries in all, the first included (default 3). */
  readonly attempts?: number;
  /** Wait before the first retry; doubled before each later one (default 1 s). */
  readonly baseDelayMs?: number;
  /** No wait is longer, whatever Retry-After asks (default 8 s). */
  readonly maxDelayMs?: number;
  /** Per request (default 10 s). */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly fetch?: typeof fetch;
}

/** The webhook refused the message; `status` is Slack's HTTP status when it answered. */
export class SlackWebhookError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SlackWebhookError';
    if (status !== undefined) this.status = status;
  }
}

/**
 * Posts `message` to the webhook at `url`, retrying as described above.
 *
 * @throws SlackWebhookError with Slack's status and answer (never the URL, a credential).
 */
export async function postToSlack(
  url: URL,
  message: SlackMessage,
  options: PostOptions = {},
): Promise<void> {
  const attempts = options.attempts ?? 3;
  const wait = options.sleep ?? sleep;
  const send = options.fetch ?? fetch;
  let delay = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 8000;

  for (let attempt = 1; ; attempt += 1) {
    let failure: SlackWebhookError;
    let retryAfterMs: number | undefined;
    try {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (response.ok) return;
      const answer = (await response.text()).slice(0, 200);
      failure = new SlackWebhookError(
        `Slack webhook answered ${response.status}: ${answer || response.statusText}`,
        response.status,
      );
      if (response.status !== 429 && response.status < 500) throw failure;
      retryAfterMs = retryAfterOf(response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof SlackWebhookError) throw error;
      failure = new SlackWebhookError(
        `Slack webhook could not be reached: ${errorText(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (attempt >= attempts) throw failure;
    await wait(Math.min(retryAfterMs ?? delay, maxDelay));
    delay *= 2;
  }
}

/** Retry-After in milliseconds, when it is a number of seconds. */
function retryAfterOf(header: string | null): number | undefined {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
