/**
 * One place that decides how every AWS SDK client is configured, so the CLI
 * (region, profile, endpoint override) and the Lambdas (environment) agree.
 *
 * Throttling and transient errors are retried by the SDK's own adaptive retry
 * strategy (exponential backoff with jitter and client-side rate limiting):
 * the auditor never hand-rolls a retry loop around an AWS call.
 */
import { fromIni } from '@aws-sdk/credential-providers';

export interface AwsOptions {
  /** Region; defaults to the SDK's chain (AWS_REGION, profile, IMDS). */
  readonly region?: string;
  /** Named profile from ~/.aws/config (CLI only). */
  readonly profile?: string;
  /** Endpoint override, e.g. a local emulator such as moto_server. */
  readonly endpoint?: string;
  /** Attempts per call including the first; throttling counts. Default 6. */
  readonly maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 6;

/** The configuration object passed to every `new XClient(...)`. */
export function clientConfig(options: AwsOptions = {}) {
  return {
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { credentials: fromIni({ profile: options.profile }) } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'adaptive',
  };
}
