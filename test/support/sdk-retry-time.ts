/**
 * Runs the AWS SDK's own retry strategy faster, for tests that exhaust it on purpose.
 *
 * The project's clients use the SDK's adaptive retry mode (shared/aws/client-config.ts):
 * exponential backoff with jitter (base 1 s for throttling) and a client-side rate limiter
 * that, after a throttle, waits for tokens at 0.5 per second. Played out in real time, one
 * exhausted call costs tens of seconds. This divides every wait the strategy makes by
 * `factor`, consistently: the backoff bases, and the rate limiter's clock and sleeps (its
 * rates are then measured in the same dilated time). Which errors are retried, how many
 * attempts are made and in what order are unchanged: that is the SDK's logic, and the project's
 * configuration, under test.
 *
 * It patches the SDK module for the whole test process (one vitest fork per file); call it
 * before creating clients.
 */
import { DefaultRateLimiter, Retry } from '@smithy/core/retry';

let applied = 0;

/** Divides the SDK retry strategy's waits by `factor` (idempotent for the same factor). */
export function dilateSdkRetryTime(factor: number): void {
  if (applied === factor) return;
  if (applied !== 0) throw new Error(`SDK retry time is already dilated by ${applied}`);
  applied = factor;
  const delay = Retry.delay();
  const throttlingDelay = Retry.throttlingDelay();
  Retry.delay = () => delay / factor;
  Retry.throttlingDelay = () => throttlingDelay / factor;
  // Private in the SDK's types; static and prototype members of the class at run time.
  const limiter = DefaultRateLimiter as unknown as {
    setTimeoutFn: (fn: () => void, ms: number) => unknown;
    prototype: { getCurrentTimeInSeconds: () => number };
  };
  const sleep = limiter.setTimeoutFn;
  limiter.setTimeoutFn = (fn, ms) => sleep(fn, ms / factor);
  limiter.prototype.getCurrentTimeInSeconds = () => (Date.now() * factor) / 1000;
}
