/**
 * Reading the collector's output from SSM. GetCommandInvocation returns at
 * most 24,000 characters of stdout inline; beyond that the agent cuts it and
 * appends a marker. Output that was cut is flagged, never parsed as if it were
 * complete; with an output bucket configured the full text is read from S3.
 */

/** SSM's inline limit for StandardOutputContent. */
export const INLINE_STDOUT_LIMIT = 24_000;

const TRUNCATION_MARKER = /-{2,}\s*output truncated\s*-{2,}\s*$/i;

/** True when inline stdout was (or may have been) cut by SSM. */
export function isInlineOutputTruncated(stdout: string): boolean {
  return stdout.length >= INLINE_STDOUT_LIMIT || TRUNCATION_MARKER.test(stdout.slice(-200));
}

/** Inline stdout without SSM's truncation marker. */
export function withoutTruncationMarker(stdout: string): string {
  return stdout.replace(TRUNCATION_MARKER, '');
}

/** The S3 key prefix SSM writes a probe's command output under. */
export function outputPrefixFor(executionName: string): string {
  return `probe-output/${executionName}`;
}

/**
 * Where SSM put stdout: taken from `StandardOutputUrl` when it names the
 * bucket, otherwise the documented layout
 * `<prefix>/<commandId>/<instanceId>/awsrunShellScript/0.awsrunShellScript/stdout`.
 */
export function stdoutObjectKey(
  bucket: string,
  prefix: string,
  commandId: string,
  instanceId: string,
  url?: string,
): string {
  const fromUrl = url ? keyFromUrl(url, bucket) : undefined;
  return (
    fromUrl ?? `${prefix}/${commandId}/${instanceId}/awsrunShellScript/0.awsrunShellScript/stdout`
  );
}

function keyFromUrl(url: string, bucket: string): string | undefined {
  try {
    const parsed = new URL(url);
    const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    // Virtual-hosted style: https://<bucket>.s3.<region>.amazonaws.com/<key>
    if (parsed.hostname.startsWith(`${bucket}.`)) return path || undefined;
    // Path style: https://s3.<region>.amazonaws.com/<bucket>/<key>
    if (path.startsWith(`${bucket}/`)) return path.slice(bucket.length + 1) || undefined;
  } catch {
    // not a URL: fall back to the documented layout
  }
  return undefined;
}
