/**
 * Translating AWS SDK errors into the auditor's own, so callers can tell
 * "not allowed" (a deployment problem people must fix) from "not there"
 * (an audit finding) from everything else (retry, then dead-letter).
 */

/** An AWS call was denied. The message names the action so the IAM fix is obvious. */
export class AwsAccessDeniedError extends Error {
  readonly action: string;
  constructor(action: string, options?: ErrorOptions) {
    super(
      `${action} was denied: grant it to the auditor's role (see docs/permissions.md)`,
      options,
    );
    this.name = 'AwsAccessDeniedError';
    this.action = action;
  }
}

const ACCESS_DENIED_NAMES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'ClientException', // Batch answers AccessDenied-like problems as ClientException with a message
]);

/** The error's name (SDK v3 sets `name` to the service's error code). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** True when `error` says the caller lacks permission. */
export function isAccessDenied(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'ClientException') {
    return /not authorized|access denied/i.test(error instanceof Error ? error.message : '');
  }
  return ACCESS_DENIED_NAMES.has(name);
}

/** Runs an AWS call, rethrowing a denial as AwsAccessDeniedError naming `action`. */
export async function call<T>(action: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (isAccessDenied(error)) throw new AwsAccessDeniedError(action, { cause: error });
    throw error;
  }
}
