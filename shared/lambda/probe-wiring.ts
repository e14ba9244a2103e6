/**
 * How the change and sweep functions hand AMIs to the probe: Step Functions to start probe
 * executions and the facts table earlier probes filled (DynamoDB).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../aws/client-config';
import { DynamoDbFactsCache } from '../aws/probe/facts-cache';
import { StepFunctionsProbeLauncher } from '../aws/probe/launcher';
import { COLLECTOR_VERSION } from '../collector/script';
import type { AuditDeps } from '../pipeline/audit-compute-environments';
import {
  loadFactsTableName,
  loadProbeStateMachineArn,
  PROBE_CONFIG_DEFAULTS,
} from '../probe/config';
import { loadProbeWaves } from '../probe/waves';

/** What the pipeline needs to hand AMIs to the probe (see {@link probeWiring}). */
export type ProbeWiring = Pick<AuditDeps, 'probeLauncher' | 'factsCache' | 'probeWaves'>;

/**
 * The probe's side of the audit pipeline: a launcher that starts one probe execution per AMI
 * and the facts cache earlier probes filled, when the stack configures the probe state machine
 * (`PROBE_STATE_MACHINE_ARN`, with `PROBE_FACTS_TABLE`, and the waves a run's probes start in:
 * `PROBE_WAVE_SIZE`, `PROBE_WAVE_SECONDS`). Without it, nothing: AMIs that pass
 * the image rules are then reported on their image facts alone.
 *
 * @throws InvalidInputError naming the variable, when one is set but malformed or the other missing.
 */
export function probeWiring(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ProbeWiring {
  if (!env.PROBE_STATE_MACHINE_ARN?.trim()) return {};
  const config = clientConfig();
  const stateMachineArn = loadProbeStateMachineArn(env);
  const factsCache = new DynamoDbFactsCache(
    DynamoDBDocumentClient.from(new DynamoDBClient(config)),
    {
      tableName: loadFactsTableName(env),
      collectorVersion: COLLECTOR_VERSION,
      // The audit functions only read the cache (expiry is stored with each record); the lifetimes
      // matter to its writer, the probe's Score task.
      lifetime: PROBE_CONFIG_DEFAULTS,
    },
  );
  return {
    probeLauncher: new StepFunctionsProbeLauncher(
      new SFNClient(config),
      stateMachineArn,
      COLLECTOR_VERSION,
    ),
    factsCache,
    probeWaves: loadProbeWaves(env),
  };
}
