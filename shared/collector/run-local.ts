// STUB (to be replaced by the collector work).
export interface RunCollectorOptions {
  /** Root prefix to read files under (default `/`). */
  readonly root?: string;
  /** Environment for the script (PATH decides which commands it finds). */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** Runs the collector on this machine with `sh` and returns its raw output. */
export async function runCollector(_options: RunCollectorOptions = {}): Promise<string> {
  throw new Error('not implemented');
}
