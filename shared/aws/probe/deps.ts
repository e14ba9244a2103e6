/**
 * Builds every probe port over real SDK clients, one client per service,
 * configured by clientConfig (adaptive retries handle throttling): what the
 * CLI probes with. Each probe Lambda builds only the ports its task uses
 * instead (lambda-runtime.ts), from the same factories.
 *
 * IAM: none of its own; each adapter lists the actions it calls.
 */
import { COLLECTOR_SCRIPT, COLLECTOR_VERSION } from '../../collector/script';
import type { Notifier } from '../../pipeline/ports';
import type { ProbeConfig } from '../../probe/config';
import type { ProbeDeps, ProbeLog } from '../../probe/ports';
import { type AwsOptions, clientConfig } from '../client-config';
import { ec2Port } from './ec2';
import { ecsPort } from './ecs';
import { factsCachePort } from './facts-cache';
import type { PortContext } from './port-context';
import { outputStorePort } from './s3-output';
import { publicParametersPort, ssmPort } from './ssm';

export interface ProbeDepsOptions {
  readonly config: ProbeConfig;
  readonly aws?: AwsOptions;
  /** The facts cache table; without one, nothing is cached (CLI runs without the stack). */
  readonly factsTable?: string;
  /** Only the Score task publishes. */
  readonly notifier?: Notifier;
  readonly log: ProbeLog;
}

export function createProbeDeps(options: ProbeDepsOptions): ProbeDeps {
  const context: PortContext = {
    aws: clientConfig(options.aws),
    config: options.config,
    ...(options.factsTable ? { factsTable: options.factsTable } : {}),
    now: () => new Date(),
  };
  return {
    config: options.config,
    ec2: ec2Port(context),
    ssm: ssmPort(context),
    outputStore: outputStorePort(context),
    ecs: ecsPort(context),
    cache: factsCachePort(context),
    notifier: options.notifier ?? NOT_PUBLISHING,
    publicParameters: publicParametersPort(context),
    collector: { script: COLLECTOR_SCRIPT, version: COLLECTOR_VERSION },
    now: context.now,
    log: options.log,
  };
}

/** Tasks other than Score never publish; if one tried, that would be a wiring bug worth failing loudly. */
const NOT_PUBLISHING: Notifier = {
  publish: async () => {
    throw new Error('This probe task has no notifier: only the Score task publishes verdicts');
  },
};
