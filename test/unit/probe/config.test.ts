import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors';
import { loadFactsTableName, loadProbeConfig } from '../../../shared/probe/config';

const required = {
  PROBE_OWNER: 'auditor-prod',
  PROBE_CLUSTER: 'auditor-prod-probe',
  PROBE_INSTANCE_PROFILE_ARN: 'arn:aws:iam::123456789012:instance-profile/auditor-prod-probe',
};

describe('loadProbeConfig', () => {
  it('fills in defaults: cheap types, GPU off, minutes-long online deadline', () => {
    const config = loadProbeConfig(required);
    expect(config.instanceTypes.x86_64[0]).toBe('t3.micro');
    expect(config.gpuAllowed).toBe(false);
    expect(config.onlineDeadlineSeconds).toBe(600);
    expect(config.maxLifetimeMinutes).toBe(60);
    expect(config.subnetId).toBeUndefined();
    expect(config.outputBucket).toBeUndefined();
  });

  it('reads lists, flags and numbers; empty strings mean unset', () => {
    const config = loadProbeConfig({
      ...required,
      PROBE_INSTANCE_TYPES_ARM64: 'c7g.medium, t4g.small',
      PROBE_GPU_ALLOWED: 'true',
      PROBE_ONLINE_DEADLINE_SECONDS: '900',
      PROBE_SUBNET_ID: '',
      PROBE_OUTPUT_BUCKET: 'my-bucket',
    });
    expect(config.instanceTypes.arm64).toEqual(['c7g.medium', 't4g.small']);
    expect(config.gpuAllowed).toBe(true);
    expect(config.onlineDeadlineSeconds).toBe(900);
    expect(config.subnetId).toBeUndefined();
    expect(config.outputBucket).toBe('my-bucket');
  });

  it('names every bad variable in one error', () => {
    const attempt = () =>
      loadProbeConfig({
        ...required,
        PROBE_GPU_ALLOWED: 'maybe',
        PROBE_INSTANCE_TYPES_X86_64: 'big box',
      });
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(/gpuAllowed[\s\S]*instanceTypes|instanceTypes[\s\S]*gpuAllowed/);
  });

  it('refuses a lifetime the dead-man switch would cut a probe short with', () => {
    expect(() =>
      loadProbeConfig({
        ...required,
        PROBE_MAX_LIFETIME_MINUTES: '20',
        PROBE_ONLINE_DEADLINE_SECONDS: '1200',
      }),
    ).toThrow(/maxLifetimeMinutes must outlast/);
  });

  it('requires the table name for the cache', () => {
    expect(() => loadFactsTableName({})).toThrow(/PROBE_FACTS_TABLE is not set/);
    expect(loadFactsTableName({ PROBE_FACTS_TABLE: 'auditor-probe-facts' })).toBe(
      'auditor-probe-facts',
    );
  });
});
