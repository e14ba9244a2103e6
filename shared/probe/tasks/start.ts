/**
 * Task "Start": validates the request and looks for cached facts. A cache hit
 * skips the probe entirely (AMIs are immutable); scoring still uses the
 * current rules and baseline. A second probe of the same AMI is prevented
 * earlier, by the execution name (see execution-name.ts).
 */
import type { ProbeDeps } from '../ports';
import { parseProbeRequest } from '../request';
import type { ProbeState } from '../state';

export interface StartInput {
  readonly request: unknown;
  readonly executionName: string;
}

export async function startProbe(
  input: StartInput,
  deps: Pick<ProbeDeps, 'cache' | 'now' | 'log'>,
): Promise<ProbeState> {
  const request = parseProbeRequest(input.request);
  const startedAt = deps.now().toISOString();
  const cached = await deps.cache.get(request.amiId);
  if (cached) {
    deps.log.info('Cached probe facts found: no probe is launched', {
      collectedAt: cached.collectedAt,
    });
    return { request, executionName: input.executionName, startedAt, cached };
  }
  return { request, executionName: input.executionName, startedAt };
}
