/**
 * Task "CheckCommand": polls GetCommandInvocation until the collector
 * finishes, then reads its whole output (S3 when configured, else inline) and
 * parses it into host facts. Output that was cut short is parsed for what it
 * holds, marked incomplete, and reported as truncated: never taken as whole.
 */
import { parseCollectorOutput } from '../../collector/parse';
import { redactSecrets } from '../../collector/redact';
import type { HostFacts } from '../../core/host-facts';
import { InvalidInputError } from '../../errors';
import { COMMAND_POLL_SECONDS, isPast, nextPoll } from '../backoff';
import {
  INLINE_STDOUT_LIMIT,
  isInlineOutputTruncated,
  outputPrefixFor,
  stdoutObjectKey,
  withoutTruncationMarker,
} from '../command-output';
import type { CommandInvocation, ProbeDeps } from '../ports';
import type { CommandCheck, ProbeState } from '../state';
import { instanceOf } from '../state';

type CommandDeps = Pick<ProbeDeps, 'config' | 'ssm' | 'outputStore' | 'now' | 'log'>;

const STILL_RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);
const EXCERPT = 300;

export async function checkCommand(state: ProbeState, deps: CommandDeps): Promise<ProbeState> {
  const instance = instanceOf(state);
  const command = state.command;
  if (!instance || !command) throw new Error('CheckCommand needs a sent command (state.command)');
  const now = deps.now();
  const attempt = command.attempt + 1;
  const next = (update: Partial<CommandCheck>): ProbeState => ({
    ...state,
    command: { ...command, attempt, ...update },
  });

  const invocation = await deps.ssm.getInvocation(command.commandId, instance.instanceId);
  if (invocation.status === 'Success') {
    return next(await collect(state, command, invocation, deps));
  }
  if (
    invocation.status === 'Failed' ||
    invocation.status === 'TimedOut' ||
    invocation.status === 'Cancelled'
  ) {
    const code = invocation.status === 'TimedOut' ? 'command_timeout' : 'command_failed';
    return next({
      status: 'failed',
      failure: {
        code,
        message: `The collector ${invocation.status === 'TimedOut' ? 'timed out' : 'failed'} on ${instance.instanceId} (SSM status ${invocation.status}${invocation.statusDetails ? `, ${invocation.statusDetails}` : ''}${invocation.responseCode === undefined ? '' : `, exit code ${invocation.responseCode}`}).${excerpt(' stderr: ', invocation.stderr)}`,
      },
    });
  }
  if (isPast(now, command.deadline)) {
    return next({
      status: 'failed',
      failure: {
        code: 'command_timeout',
        message: `The collector did not finish on ${instance.instanceId} within ${deps.config.commandTimeoutSeconds} s (SSM status still ${invocation.status}).`,
      },
    });
  }
  if (!STILL_RUNNING.has(invocation.status)) {
    deps.log.warn('Unexpected SSM command status; polling on until the deadline', {
      status: invocation.status,
    });
  }
  return next({
    status: 'running',
    ...nextPoll(COMMAND_POLL_SECONDS, attempt, now, new Date(command.deadline)),
  });
}

async function collect(
  state: ProbeState,
  command: CommandCheck,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<Partial<CommandCheck>> {
  const output = await readOutput(state, command, invocation, deps);
  let host: HostFacts;
  try {
    host = parseCollectorOutput(output.text);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return {
      status: 'failed',
      failure: {
        code: 'output_unparseable',
        message: `The collector's output could not be read as collector output (${error.message}).${excerpt(' It began: ', output.text)}`,
      },
    };
  }
  if (!output.truncatedBecause) {
    return { status: 'collected', host, outputSource: output.source };
  }
  return {
    status: 'collected',
    outputSource: output.source,
    truncated: true,
    // Whatever the parser concluded, facts from a cut output are never complete.
    host: { ...host, collector: { ...host.collector, incomplete: true } },
    failure: { code: 'output_truncated', message: output.truncatedBecause },
  };
}

interface CollectorOutput {
  readonly text: string;
  readonly source: 'inline' | 's3';
  /** Why the text is incomplete, when it is. */
  readonly truncatedBecause?: string;
}

async function readOutput(
  state: ProbeState,
  command: CommandCheck,
  invocation: CommandInvocation,
  deps: CommandDeps,
): Promise<CollectorOutput> {
  const bucket = deps.config.outputBucket;
  let s3Problem = '';
  if (bucket) {
    const instanceId = instanceOf(state)?.instanceId ?? '';
    const key = stdoutObjectKey(
      bucket,
      outputPrefixFor(state.executionName),
      command.commandId,
      instanceId,
      invocation.stdoutUrl,
    );
    try {
      const text = await deps.outputStore.read(bucket, key);
      if (text !== undefined) return { text, source: 's3' };
      s3Problem = ` The output bucket had no copy at s3://${bucket}/${key} (the instance may lack a route to S3).`;
    } catch (error) {
      s3Problem = ` Reading s3://${bucket}/${key} failed: ${error instanceof Error ? error.message : String(error)}.`;
    }
    deps.log.warn('Collector output not found in the output bucket; using inline output', { key });
  }
  if (!isInlineOutputTruncated(invocation.stdout))
    return { text: invocation.stdout, source: 'inline' };
  return {
    text: withoutTruncationMarker(invocation.stdout),
    source: 'inline',
    truncatedBecause: `The collector's output was cut at SSM's ${INLINE_STDOUT_LIMIT.toLocaleString('en-US')}-character inline limit, so facts after the cut are unknown.${s3Problem}${bucket ? '' : ' Deploy with the probe output bucket enabled to keep the full output.'}`,
  };
}

/** The start of `text` for a verdict reason, redacted: stderr and stray output bypass the collector's redaction. */
function excerpt(label: string, text: string): string {
  const trimmed = redactSecrets(text).trim();
  if (!trimmed) return '';
  return `${label}${trimmed.length > EXCERPT ? `${trimmed.slice(0, EXCERPT - 1)}…` : trimmed}`;
}
