/**
 * Poll schedules. Step Functions waits between checks (a Wait state reading
 * `waitSeconds`), so a probe pays for Lambda time only while a check runs.
 * Each schedule lists the pause before each check; the last value repeats.
 */

/**
 * Waiting for SSM to report the instance online. The first check comes after a
 * typical boot; later ones are frequent because every second between "online"
 * and the collector starting is paid instance time. Registration can take
 * minutes on a cold start, so the deadline (config) is minutes, not seconds.
 * Checks are cheap (DescribeInstanceInformation is free); idle instance
 * seconds are not, so the pause stays short (bench/probe.ts measures it).
 */
export const ONLINE_POLL_SECONDS: readonly number[] = [30, 10];

/** Waiting for the collector command: it usually finishes in seconds, so poll every 2 s at first. */
export const COMMAND_POLL_SECONDS: readonly number[] = [2, 2, 2, 2, 3, 5, 10];

/** Waiting for the ECS agent to register the probe in the probe cluster. */
export const JOIN_POLL_SECONDS: readonly number[] = [5, 10, 15];

/** Shortest pause Step Functions is asked for, even right before a deadline. */
const MIN_WAIT_SECONDS = 1;

export interface NextPoll {
  /** Seconds to wait before the next check. */
  readonly waitSeconds: number;
}

/**
 * The pause before check number `attempt` (0-based), never past `deadline`:
 * the last check happens at the deadline, not after it.
 */
export function nextPoll(
  schedule: readonly number[],
  attempt: number,
  now: Date,
  deadline: Date,
): NextPoll {
  const planned = schedule[Math.min(attempt, schedule.length - 1)] ?? MIN_WAIT_SECONDS;
  const remaining = Math.ceil((deadline.getTime() - now.getTime()) / 1000);
  return { waitSeconds: Math.max(MIN_WAIT_SECONDS, Math.min(planned, remaining)) };
}

/** `date` plus `seconds`. */
export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

/** True when `now` is at or past `deadline`. */
export function isPast(now: Date, deadline: Date | string): boolean {
  return now.getTime() >= new Date(deadline).getTime();
}
