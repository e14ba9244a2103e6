/**
 * Starts probe executions (the ProbeLauncher port the change and sweep
 * handlers use): one Step Functions execution per AMI, named after the AMI
 * and the collector version, so replayed or duplicate events find the name
 * taken and never launch a second probe.
 *
 * IAM: states:StartExecution on the probe state machine;
 * states:DescribeExecution on its executions.
 */
import {
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { ProbeLauncher, ProbeRequest, ProbeStartResult } from '../../pipeline/ports';
import { MAX_PROBE_GENERATIONS, probeExecutionName } from '../../probe/execution-name';
import { call, errorName } from '../errors';

/** Execution statuses in which a probe is still (or again) under way. */
const IN_PROGRESS = new Set(['RUNNING', 'PENDING_REDRIVE']);

export class StepFunctionsProbeLauncher implements ProbeLauncher {
  private readonly sfn: SFNClient;
  private readonly stateMachineArn: string;
  private readonly collectorVersion: string;

  constructor(sfn: SFNClient, stateMachineArn: string, collectorVersion: string) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
    this.collectorVersion = collectorVersion;
  }

  /**
   * Starts a probe of `request.amiId`, or reports the one already running.
   * A name whose execution has closed (its facts are cached, or it failed)
   * cannot be reused for 90 days, so the next generation's name is tried.
   */
  async start(request: ProbeRequest): Promise<ProbeStartResult> {
    const input = JSON.stringify(request);
    for (let generation = 1; generation <= MAX_PROBE_GENERATIONS; generation += 1) {
      const name = probeExecutionName(request.amiId, this.collectorVersion, generation);
      try {
        const { executionArn } = await call('states:StartExecution', () =>
          this.sfn.send(
            new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input }),
          ),
        );
        // For an identical input Step Functions answers with the running execution: still one probe.
        return { status: 'started', executionArn: executionArn ?? this.executionArn(name) };
      } catch (error) {
        if (errorName(error) !== 'ExecutionAlreadyExists') throw error;
      }
      const executionArn = this.executionArn(name);
      const status = await this.statusOf(executionArn);
      if (status === undefined || IN_PROGRESS.has(status)) {
        return { status: 'already-running', executionArn };
      }
    }
    throw new Error(
      `${MAX_PROBE_GENERATIONS} probes of ${request.amiId} ran in the last 90 days; not starting another (check why they keep failing)`,
    );
  }

  private async statusOf(executionArn: string): Promise<string | undefined> {
    try {
      const { status } = await call('states:DescribeExecution', () =>
        this.sfn.send(new DescribeExecutionCommand({ executionArn })),
      );
      return status;
    } catch (error) {
      // The name is taken but not describable yet (just started): treat as running.
      if (errorName(error) === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  }

  /** arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<name> */
  private executionArn(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }
}
