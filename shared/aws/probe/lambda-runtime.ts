/**
 * What every probe Lambda shares: a Powertools logger whose every line
 * carries the audit id, AMI and instance id of the probe at hand, metrics,
 * middy, and the deps built once per container from validated environment
 * variables (only the ports the function names, so its bundle carries only
 * the SDK clients it calls). A function file is then a few lines of wiring
 * around a task.
 *
 * IAM: none of its own (Powertools metrics go out as log lines, not API calls).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { COLLECTOR_SCRIPT, COLLECTOR_VERSION } from '../../collector/script';
import { loadFactsTableName, loadProbeConfig } from '../../probe/config';
import type { MetricPoint } from '../../probe/metrics';
import type { ProbeDeps, ProbeLog } from '../../probe/ports';
import { clientConfig } from '../client-config';
import type { PortContext, PortFactory } from './port-context';

export const logger = new Logger();
export const metrics = new Metrics();

/** The tasks' log port over the Powertools logger. */
const PROBE_LOG: ProbeLog = {
  info: (message, extra) => (extra ? logger.info(message, extra) : logger.info(message)),
  warn: (message, extra) => (extra ? logger.warn(message, extra) : logger.warn(message)),
};

/** The ports that talk to AWS (or publish): each function names those its task uses. */
export type AdapterPorts = Pick<
  ProbeDeps,
  'ec2' | 'ssm' | 'outputStore' | 'ecs' | 'cache' | 'notifier' | 'publicParameters'
>;

/** What every probe task gets, plus the ports of `K`. */
export type LambdaProbeDeps<K extends keyof AdapterPorts> = Pick<
  ProbeDeps,
  'config' | 'collector' | 'now' | 'log'
> &
  Pick<AdapterPorts, K>;

/**
 * The deps of one probe function: the ports it names, each built by its factory (with its own
 * SDK client), plus configuration, collector, clock and log. A function imports only the
 * factories of the ports its task uses, so its bundle carries only those SDK clients; the
 * task's parameter type checks that none is missing.
 *
 * Built on first use rather than at import, so a configuration error is reported as this
 * task's error (and caught by the state machine) instead of failing the container's start.
 *
 * @example
 *   const deps = probeDepsOnFirstUse({ ec2: ec2Port });
 *   export const handler = probeTaskHandler((input: ProbeState) => launchProbe(input, deps()));
 */
export function probeDepsOnFirstUse<K extends keyof AdapterPorts>(
  ports: {
    readonly [P in K]: PortFactory<AdapterPorts[P]>;
  },
): () => LambdaProbeDeps<K> {
  let deps: LambdaProbeDeps<K> | undefined;
  return () => {
    deps ??= buildDeps(ports);
    return deps;
  };
}

function buildDeps<K extends keyof AdapterPorts>(
  ports: {
    readonly [P in K]: PortFactory<AdapterPorts[P]>;
  },
): LambdaProbeDeps<K> {
  const config = loadProbeConfig(process.env);
  const context: PortContext = {
    aws: clientConfig(),
    config,
    factsTable: loadFactsTableName(process.env),
    now: () => new Date(),
  };
  const built = Object.fromEntries(
    Object.entries<PortFactory<unknown>>(ports).map(([name, factory]) => [name, factory(context)]),
  ) as Pick<AdapterPorts, K>;
  return {
    ...built,
    config,
    collector: { script: COLLECTOR_SCRIPT, version: COLLECTOR_VERSION },
    now: context.now,
    log: PROBE_LOG,
  };
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
