/**
 * Step Functions execution names for probes. The name is derived from what
 * the probe measures (the AMI and the collector version), not from the event
 * that asked for it, so duplicate or replayed events map to the same name and
 * Step Functions itself refuses to start a second probe (ExecutionAlreadyExists).
 *
 * A name stays taken for 90 days after its execution closes, so a later
 * re-probe of the same AMI (after a failed probe, or once the cache entry
 * expired) uses the next generation: `<ami>-c<version>-g2`, `-g3`, ...
 */

/** Step Functions allows 80 characters; we keep to letters, digits, `-` and `_` so logs and metrics accept it too. */
const MAX_NAME_LENGTH = 80;

/** How many generations a launcher tries before giving up (see StepFunctionsProbeLauncher). */
export const MAX_PROBE_GENERATIONS = 100;

export function probeExecutionName(
  amiId: string,
  collectorVersion: string,
  generation = 1,
): string {
  if (!Number.isInteger(generation) || generation < 1) {
    throw new RangeError(`generation must be a positive integer, got ${generation}`);
  }
  const base = `${safe(amiId)}-c${safe(collectorVersion)}`;
  const name = generation === 1 ? base : `${base}-g${generation}`;
  return name.slice(0, MAX_NAME_LENGTH);
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}
