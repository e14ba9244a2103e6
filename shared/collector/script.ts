// STUB (to be replaced by the collector work): the collector script, shipped as text.
import script from './collect.sh';

/** The POSIX sh collector, as sent to hosts (SSM Run Command) and run locally by the CLI. */
export const COLLECTOR_SCRIPT: string = script;
/** Bump on any change to the collector's output format; part of probe cache keys. */
export const COLLECTOR_VERSION = '1';
