import { describe, expect, it } from 'vitest';
import { PROBE_CONFIG_DEFAULTS } from '../../../shared/probe/config';
import { planInstanceTypes } from '../../../shared/probe/instance-types';
import { target } from './fixtures';

const config = { instanceTypes: PROBE_CONFIG_DEFAULTS.instanceTypes, gpuAllowed: false };

describe('planInstanceTypes', () => {
  it('picks the cheap types of the AMI architecture', () => {
    expect(planInstanceTypes('x86_64', [target()], config).instanceTypes[0]).toBe('t3.micro');
    expect(planInstanceTypes('arm64', [target()], config).instanceTypes[0]).toBe('t4g.micro');
  });

  it('refuses an architecture no probe type boots', () => {
    const plan = planInstanceTypes('i386', [target()], config);
    expect(plan.instanceTypes).toEqual([]);
    expect(plan.unsupported).toMatch(/i386/);
  });

  it('says "needs a GPU probe" for a GPU compute environment when GPU probes are disabled', () => {
    const plan = planInstanceTypes('x86_64', [target({ gpu: true })], config);
    expect(plan.instanceTypes[0]).toBe('t3.micro');
    expect(plan.gpuTypes).toEqual([]);
    expect(plan.gpuLimitation).toMatch(/^needs a GPU probe: .*PROBE_GPU_ALLOWED/);
  });

  it('uses a GPU type first when allowed, with the cheap types as a capacity fallback', () => {
    const plan = planInstanceTypes('x86_64', [target({ gpu: true })], {
      ...config,
      gpuAllowed: true,
    });
    expect(plan.instanceTypes.slice(0, 3)).toEqual(['g4dn.xlarge', 'g5.xlarge', 'g6.xlarge']);
    expect(plan.instanceTypes).toContain('t3.micro');
    expect(plan.gpuTypes).toContain('g4dn.xlarge');
    expect(plan.gpuLimitation).toBeUndefined();
  });

  it('never uses a GPU instance for an AMI no compute environment uses for GPUs', () => {
    const plan = planInstanceTypes('x86_64', [target()], { ...config, gpuAllowed: true });
    expect(plan.instanceTypes.some((t) => t.startsWith('g'))).toBe(false);
  });
});
