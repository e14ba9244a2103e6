/** A facts cache that remembers nothing: for CLI runs without the stack's table. */
import type { CachedProbeFacts, FactsCache } from '../pipeline/ports';

export const NO_FACTS_CACHE: FactsCache = {
  get: async (_amiId: string): Promise<CachedProbeFacts | undefined> => undefined,
  put: async (_facts: CachedProbeFacts): Promise<void> => undefined,
};
