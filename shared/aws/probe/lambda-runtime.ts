/**
 * What every probe Lambda shares: a Powertools logger whose every line
 * carries the audit id, AMI and instance id of the probe at hand, metrics,
 * middy, and the deps built once per container from validated environment
 * variables. A function file is then one line of wiring around a task.
 *
 * IAM: none of its own (Powertools metrics go out as log lines, not API calls).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Notifier } from '../../pipeline/ports';
import { loadFactsTableName, loadProbeConfig } from '../../probe/config';
import type { MetricPoint } from '../../probe/metrics';
import type { ProbeDeps, ProbeLog } from '../../probe/ports';
import { createProbeDeps } from './deps';

export const logger = new Logger();
export const metrics = new Metrics();

let deps: ProbeDeps | undefined;

/** The tasks' log port over the Powertools logger. */
const PROBE_LOG: ProbeLog = {
  info: (message, extra) => (extra ? logger.info(message, extra) : logger.info(message)),
  warn: (message, extra) => (extra ? logger.warn(message, extra) : logger.warn(message)),
};

/**
 * The deps, built on first use rather than at import, so a configuration
 * error is reported as this task's error (and caught by the state machine)
 * instead of failing the container's start.
 */
export function lambdaProbeDeps(notifier?: Notifier): ProbeDeps {
  deps ??= createProbeDeps({
    config: loadProbeConfig(process.env),
    factsTable: loadFactsTableName(process.env),
    ...(notifier ? { notifier } : {}),
    log: PROBE_LOG,
  });
  return deps;
}

/**
 * Wraps `run` as a Lambda handler: log keys from the input and output,
 * metrics from `measure`, errors logged once and rethrown with their name
 * intact (Step Functions matches Retry and Catch on it).
 */
export function probeTaskHandler<I, O>(
  run: (input: I) => Promise<O>,
  measure: (output: O) => readonly MetricPoint[] = () => [],
) {
  const handler = async (input: I): Promise<O> => {
    logger.appendKeys(logKeysOf(input));
    try {
      const output = await run(input);
      logger.appendKeys(logKeysOf(output));
      for (const point of measure(output)) {
        metrics.addMetric(point.name, MetricUnit[point.unit], point.value);
      }
      return output;
    } catch (error) {
      logger.error('Probe task failed', error as Error);
      throw error;
    }
  };
  return middy(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

/** audit id, AMI and instance id, from a probe state (or the Start task's input). */
export function logKeysOf(value: unknown): Record<string, string> {
  const record = asRecord(value);
  const request = asRecord(record.request);
  const instance = asRecord(asRecord(record.launch).instance);
  const keys: Record<string, string> = {};
  const take = (key: string, candidate: unknown) => {
    if (typeof candidate === 'string' && candidate) keys[key] = candidate;
  };
  take('auditId', request.auditId ?? record.auditId);
  take('amiId', request.amiId ?? record.amiId);
  take('instanceId', instance.instanceId ?? record.instanceId);
  take('execution', record.executionName);
  return keys;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
