/** The collector script, shipped as text (esbuild's `text` loader; a Vite plugin in tests). */
import script from './collect.sh';

/** The POSIX sh collector, as sent to hosts (SSM Run Command) and run locally by the CLI. */
export const COLLECTOR_SCRIPT: string = script;

/**
 * Version of the collector's output format, read from the script itself
 * (`BAA_COLLECTOR_VERSION=`) so the two can never disagree. Part of probe cache keys.
 */
export const COLLECTOR_VERSION: string = versionOf(script);

function versionOf(text: string): string {
  const version = /^BAA_COLLECTOR_VERSION=(\S+)$/m.exec(text)?.[1];
  if (!version) throw new Error('collect.sh does not declare BAA_COLLECTOR_VERSION');
  return version;
}
