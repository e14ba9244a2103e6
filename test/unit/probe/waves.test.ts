import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors';
import {
  loadProbeWaves,
  MAX_START_DELAY_SECONDS,
  PROBE_WAVES_DEFAULTS,
  startDelaySeconds,
} from '../../../shared/probe/waves';

describe('startDelaySeconds', () => {
  it('starts each wave of `size` probes `seconds` after the one before', () => {
    const waves = { size: 10, seconds: 300 };
    expect([0, 9, 10, 19, 20, 95].map((i) => startDelaySeconds(i, waves))).toEqual([
      0, 0, 300, 300, 600, 2700,
    ]);
  });

  it('never waits longer than the state machine allows: the last waves share the cap', () => {
    expect(startDelaySeconds(10_000, PROBE_WAVES_DEFAULTS)).toBe(MAX_START_DELAY_SECONDS);
  });
});

describe('loadProbeWaves', () => {
  it('reads PROBE_WAVE_SIZE and PROBE_WAVE_SECONDS, each defaulting when unset or empty', () => {
    expect(loadProbeWaves({})).toEqual(PROBE_WAVES_DEFAULTS);
    expect(loadProbeWaves({ PROBE_WAVE_SIZE: '25', PROBE_WAVE_SECONDS: ' ' })).toEqual({
      size: 25,
      seconds: PROBE_WAVES_DEFAULTS.seconds,
    });
  });

  it('names the variable that is not a whole number in range', () => {
    expect(() => loadProbeWaves({ PROBE_WAVE_SIZE: '0' })).toThrow(InvalidInputError);
    expect(() => loadProbeWaves({ PROBE_WAVE_SIZE: '0' })).toThrow(/^PROBE_WAVE_SIZE is "0"/);
    expect(() => loadProbeWaves({ PROBE_WAVE_SECONDS: 'five minutes' })).toThrow(
      /^PROBE_WAVE_SECONDS is "five minutes"/,
    );
  });
});
