/**
 * Task "RunCollector": sends the core's collector script to the probe with
 * SSM Run Command (AWS-RunShellScript), by instance id, with a timeout.
 * Output goes to the stack's bucket when one is configured, so nothing past
 * SSM's 24,000-character inline limit is lost.
 */
import { addSeconds, COMMAND_POLL_SECONDS, nextPoll } from '../backoff';
import { outputPrefixFor } from '../command-output';
import type { ProbeDeps } from '../ports';
import type { ProbeState } from '../state';
import { instanceOf } from '../state';

/** Time SSM may take to deliver the command on top of the script's own timeout. */
const DELIVERY_GRACE_SECONDS = 60;
/** SSM command comments are limited to 100 characters. */
const MAX_COMMENT = 100;

export async function runCollector(
  state: ProbeState,
  deps: Pick<ProbeDeps, 'config' | 'ssm' | 'collector' | 'now' | 'log'>,
): Promise<ProbeState> {
  const instance = instanceOf(state);
  if (!instance) throw new Error('RunCollector needs a launched probe (state.launch)');
  const { config } = deps;
  const commandId = await deps.ssm.sendCollector({
    instanceId: instance.instanceId,
    script: deps.collector.script,
    timeoutSeconds: config.commandTimeoutSeconds,
    comment:
      `batch-ami-auditor collector ${deps.collector.version} for ${state.request.amiId}`.slice(
        0,
        MAX_COMMENT,
      ),
    ...(config.outputBucket
      ? { outputBucket: config.outputBucket, outputPrefix: outputPrefixFor(state.executionName) }
      : {}),
  });
  const sentAt = deps.now();
  const deadline = addSeconds(sentAt, config.commandTimeoutSeconds + DELIVERY_GRACE_SECONDS);
  deps.log.info('Collector sent', { instanceId: instance.instanceId, commandId });
  return {
    ...state,
    command: {
      status: 'running',
      commandId,
      sentAt: sentAt.toISOString(),
      attempt: 0,
      deadline: deadline.toISOString(),
      ...nextPoll(COMMAND_POLL_SECONDS, 0, sentAt, deadline),
    },
  };
}
