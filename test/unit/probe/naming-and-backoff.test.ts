import { describe, expect, it } from 'vitest';
import { COMMAND_POLL_SECONDS, nextPoll, ONLINE_POLL_SECONDS } from '../../../shared/probe/backoff';
import { probeExecutionName } from '../../../shared/probe/execution-name';
import { classifyLaunchError } from '../../../shared/probe/launch-errors';

describe('probeExecutionName', () => {
  it('depends only on the AMI and the collector version, so a replayed event gets the same name', () => {
    expect(probeExecutionName('ami-0abc', '1')).toBe('ami-0abc-c1');
    expect(probeExecutionName('ami-0abc', '1')).toBe(probeExecutionName('ami-0abc', '1'));
    expect(probeExecutionName('ami-0abc', '2')).not.toBe(probeExecutionName('ami-0abc', '1'));
  });

  it('numbers later generations and keeps to characters Step Functions and CloudWatch accept', () => {
    expect(probeExecutionName('ami-0abc', '1.2', 3)).toBe('ami-0abc-c1_2-g3');
    expect(probeExecutionName(`ami-${'f'.repeat(100)}`, '1').length).toBeLessThanOrEqual(80);
    expect(() => probeExecutionName('ami-0abc', '1', 0)).toThrow(RangeError);
  });
});

describe('nextPoll', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const far = new Date('2026-11-28T11:00:00Z');

  it('follows the schedule and repeats its last pause', () => {
    const waits = [0, 1, 2, 3, 4, 9].map(
      (attempt) => nextPoll(ONLINE_POLL_SECONDS, attempt, now, far).waitSeconds,
    );
    expect(waits).toEqual([30, 10, 10, 10, 10, 10]);
    const commandWaits = [0, 4, 5, 6, 20].map(
      (attempt) => nextPoll(COMMAND_POLL_SECONDS, attempt, now, far).waitSeconds,
    );
    expect(commandWaits).toEqual([2, 3, 5, 10, 10]);
  });

  it('never waits past the deadline, and at least a second', () => {
    const soon = new Date(now.getTime() + 4_000);
    expect(nextPoll(ONLINE_POLL_SECONDS, 0, now, soon).waitSeconds).toBe(4);
    expect(nextPoll(ONLINE_POLL_SECONDS, 0, now, now).waitSeconds).toBe(1);
  });
});

describe('classifyLaunchError', () => {
  it('moves on for capacity and availability errors', () => {
    expect(classifyLaunchError('InsufficientInstanceCapacity')).toBe('try-next');
    expect(classifyLaunchError('Unsupported')).toBe('try-next');
  });

  it('treats a vanished AMI as an audit finding and anything else as fatal', () => {
    expect(classifyLaunchError('InvalidAMIID.NotFound')).toBe('image-gone');
    expect(classifyLaunchError('AwsAccessDeniedError')).toBe('stop');
    expect(classifyLaunchError('InvalidParameterValue')).toBe('stop');
  });
});
