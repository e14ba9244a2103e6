/**
 * The utilities collect.sh runs besides the commands it probes for: the sandboxed PATH of
 * fixture-host runs (tests) and of the collector benchmark holds these and nothing else.
 */
export const BASIC_UTILITIES = [
  'awk',
  'cat',
  'date',
  'df',
  'find',
  'grep',
  'head',
  'sed',
  'sort',
  'stat',
  'timeout',
  'uniq',
  'wc',
] as const;
