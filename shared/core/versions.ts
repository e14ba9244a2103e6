/**
 * Version comparison for the loosely formatted versions hosts report
 * (`4.14.355-275.582.amzn2.x86_64`, `25.0.16`, `1.13.1-209.git7d71120.el7`).
 */
import semver from 'semver';

/** The leading `major.minor.patch` of a version string, or null when it has none. */
export function coerceVersion(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return semver.coerce(raw, { loose: true })?.version ?? null;
}

/** True when `raw` is at least `minimum`; null when `raw` is not a version. */
export function isAtLeast(raw: string | null | undefined, minimum: string): boolean | null {
  const version = coerceVersion(raw);
  const floor = coerceVersion(minimum);
  if (!version || !floor) return null;
  return semver.gte(version, floor);
}
