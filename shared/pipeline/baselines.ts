/**
 * Which freshness baseline applies to an AMI: the current ECS-optimized AMI of
 * the same family (Amazon Linux 2 or 2023), architecture and GPU-ness, read from
 * the SSM public parameters. Falls back to the built-in baseline when SSM has
 * nothing usable, and says so in the baseline's source.
 */
import type { Baseline } from '../core/subject';
import { parseEcsOptimizedParameter } from '../resolve/baseline';
import type { ResolvedTarget } from '../resolve/types';

const PREFIX = '/aws/service/ecs/optimized-ami';

/** Every parameter a run may take a baseline from (fetched with the resolution lookups). */
export const BASELINE_PARAMETERS = [
  `${PREFIX}/amazon-linux-2023/recommended`,
  `${PREFIX}/amazon-linux-2023/arm64/recommended`,
  `${PREFIX}/amazon-linux-2023/gpu/recommended`,
  `${PREFIX}/amazon-linux-2/recommended`,
  `${PREFIX}/amazon-linux-2/arm64/recommended`,
  `${PREFIX}/amazon-linux-2/gpu/recommended`,
] as const;

/** The parameter whose AMI is the right comparison for `target`. */
export function baselineParameterFor(
  target: Pick<ResolvedTarget, 'imageType' | 'expectedArchitecture' | 'gpu'>,
): string {
  const family =
    target.imageType?.startsWith('ECS_AL2_') || target.imageType === 'ECS_AL2'
      ? 'amazon-linux-2'
      : 'amazon-linux-2023';
  const variant = target.gpu ? 'gpu/' : target.expectedArchitecture === 'arm64' ? 'arm64/' : '';
  return `${PREFIX}/${family}/${variant}recommended`;
}

/**
 * The baseline for `target` from the fetched parameters, or undefined when the
 * parameter is missing or malformed (rules then use their built-in baseline).
 */
export function baselineFor(
  target: Pick<ResolvedTarget, 'imageType' | 'expectedArchitecture' | 'gpu'>,
  parameters: ReadonlyMap<string, unknown>,
  onProblem: (message: string) => void,
): Baseline | undefined {
  const name = baselineParameterFor(target);
  const value = parameters.get(name);
  if (value === undefined) {
    onProblem(`SSM parameter ${name} does not exist in this region; the built-in baseline applies`);
    return undefined;
  }
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
    onProblem(`SSM parameter ${name} has an unexpected value; the built-in baseline applies`);
    return undefined;
  }
  try {
    return parseEcsOptimizedParameter(value, name);
  } catch (error) {
    onProblem(
      `${error instanceof Error ? error.message : String(error)}; the built-in baseline applies`,
    );
    return undefined;
  }
}
