/**
 * Keeps the benchmark honest: it runs, and a typical probe meets the target
 * of at most 30 s from "online in SSM" to "terminate requested".
 */
import { describe, expect, it } from 'vitest';
import { benchmarkProbe, formatRows } from '../../../bench/probe';

describe('probe benchmark', () => {
  it('terminates within 30 s of coming online, collector included, in about 30 AWS calls', async () => {
    const rows = await benchmarkProbe([70]);
    const [row] = rows;
    expect(row?.verdict).toBe('PASS');
    expect(row?.detectedOnlineToTerminate).toBeLessThanOrEqual(30);
    expect(row?.instanceSecondsBeyondBoot).toBeLessThanOrEqual(30);
    expect(row?.awsCalls).toBeLessThan(40);
    expect(formatRows(rows)).toContain('instance-s beyond boot');
  });
});
