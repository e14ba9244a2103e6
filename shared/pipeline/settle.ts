/**
 * Waits, with a bounded backoff, for a compute environment that is CREATING or
 * UPDATING to settle, so the audit reads what Batch will actually launch. The
 * CloudTrail event arrives seconds after the API call, usually before Batch is done.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ComputeEnvironment } from '../resolve/compute-environment';
import type { AccountReader } from './ports';

const TRANSITIONAL = new Set(['CREATING', 'UPDATING']);

/** Seconds to wait before each re-read: about a minute in all, well inside the Lambda timeout. */
export const SETTLE_DELAYS_SECONDS: readonly number[] = [2, 4, 8, 16, 30];

export interface SettleResult {
  /** The compute environment as last described; null when it does not exist (deleted). */
  readonly computeEnvironment: ComputeEnvironment | null;
  /** True when it was still CREATING/UPDATING after the last wait (audited as it stands). */
  readonly stillTransitional: boolean;
}

export async function describeSettled(
  reader: AccountReader,
  nameOrArn: string,
  delaysSeconds: readonly number[] = SETTLE_DELAYS_SECONDS,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<SettleResult> {
  let ce = await reader.describeComputeEnvironment(nameOrArn);
  for (const delay of delaysSeconds) {
    if (!ce || !TRANSITIONAL.has(ce.status ?? '')) break;
    await wait(delay * 1000);
    ce = await reader.describeComputeEnvironment(nameOrArn);
  }
  return { computeEnvironment: ce, stillTransitional: TRANSITIONAL.has(ce?.status ?? '') };
}
