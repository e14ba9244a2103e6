/** How far one version is from another, in words, for freshness findings. */
import semver from 'semver';
import { coerceVersion } from '../versions';

/** `major.minor` of a loosely formatted version (`25.0.16-1.amzn2023` -> `25.0`), or null. */
export function majorMinor(raw: string | null | undefined): string | null {
  const version = coerceVersion(raw);
  return version ? `${semver.major(version)}.${semver.minor(version)}` : null;
}

/**
 * The gap from `older` up to `newer` in the largest unit that differs, e.g.
 * `6 minor versions`, `2 patch versions`, `1 major version`; null when either is
 * not a version or `older` is not older.
 */
export function versionGap(older: string, newer: string): string | null {
  const a = coerceVersion(older);
  const b = coerceVersion(newer);
  if (!a || !b || !semver.lt(a, b)) return null;
  const unit = semver.diff(a, b) as 'major' | 'minor' | 'patch';
  const count = semver[unit](b) - semver[unit](a);
  return `${count} ${unit} version${count === 1 ? '' : 's'}`;
}
