/**
 * What the pipeline needs of logging and metrics. Powertools' Logger and Metrics
 * satisfy it in Lambda (shared/lambda/observability.ts); the CLI logs to stderr.
 */
export interface Log {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
  /** Keys added to every later line (audit id, compute environment, AMI). */
  appendKeys(keys: Record<string, unknown>): void;
}

export interface MetricSink {
  /** Adds `value` (default 1) to the count metric `name`. */
  count(name: string, value?: number): void;
}

/** Discards everything: for tests and callers that want silence. */
export const SILENT_LOG: Log = { info() {}, warn() {}, error() {}, appendKeys() {} };
export const NO_METRICS: MetricSink = { count() {} };
