/**
 * One place that decides how every AWS SDK client is configured, so the CLI
 * (region, credentials of a profile, endpoint override) and the Lambdas
 * (environment) agree.
 *
 * Throttling and transient errors are retried by the SDK's own adaptive retry
 * strategy (exponential backoff with jitter and client-side rate limiting):
 * the auditor never hand-rolls a retry loop around an AWS call.
 *
 * No credential provider is imported here: the CLI passes the provider of a
 * named profile (cli/aws-options.ts), so the Lambda bundles, which use the
 * default chain, do not carry the credential-providers package.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export interface AwsOptions {
  /** Region; defaults to the SDK's chain (AWS_REGION, profile, IMDS). */
  readonly region?: string;
  /** Credentials other than the default chain's, e.g. `fromIni({ profile })` (CLI only). */
  readonly credentials?: AwsCredentialIdentityProvider;
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
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'adaptive',
  };
}

export type ClientConfig = ReturnType<typeof clientConfig>;
