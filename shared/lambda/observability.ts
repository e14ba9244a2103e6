/**
 * Powertools logger and metrics for the Lambda functions, and their adapters to
 * the pipeline's Log and MetricSink ports. Service name, namespace and log level
 * come from the POWERTOOLS_* environment variables set in serverless.yml.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Log, MetricSink } from '../pipeline/telemetry';

export const logger = new Logger();
export const metrics = new Metrics();

export const log: Log = {
  info: (message, extra) => logger.info(message, extra ?? {}),
  warn: (message, extra) => logger.warn(message, extra ?? {}),
  error: (message, extra) => logger.error(message, extra ?? {}),
  appendKeys: (keys) => logger.appendKeys(keys),
};

export const metricSink: MetricSink = {
  count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
};
