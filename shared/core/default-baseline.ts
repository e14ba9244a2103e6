/**
 * The versions the freshness rules compare against when the caller supplies no
 * baseline (no SSM lookup, an offline `score`). Taken from aws/amazon-ecs-ami
 * release 20260820 (reference §5.1); update it with each refresh of the reference.
 */
import type { Baseline } from './subject';

export const DEFAULT_BASELINE: Baseline &
  Required<Pick<Baseline, 'ecsAgentVersion' | 'dockerVersion'>> = {
  source: 'built-in: amazon-ecs-ami release 20260820',
  ecsAgentVersion: '1.106.1',
  dockerVersion: '25.0.16',
};

/** The baseline version for `field`: the caller's when it has one, else the built-in one. */
export function baselineVersion(
  baseline: Baseline | undefined,
  field: 'ecsAgentVersion' | 'dockerVersion',
): { version: string; source: string } {
  const given = baseline?.[field];
  if (given && baseline) return { version: given, source: baseline.source };
  return { version: DEFAULT_BASELINE[field], source: DEFAULT_BASELINE.source };
}
