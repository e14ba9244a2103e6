import { describe, expect, it } from 'vitest';
import type { ComputeEnvironment } from '../../../shared/resolve/compute-environment';
import { mergeLookupPlans, planLookups } from '../../../shared/resolve/plan-lookups';
import { resolveTargets } from '../../../shared/resolve/resolve-targets';
import type { LaunchTemplateVersionLookup, LookupPlan } from '../../../shared/resolve/types';

const SSM = '/aws/service/ecs/optimized-ami';
const AL2023 = `${SSM}/amazon-linux-2023/recommended/image_id`;
const AL2023_ARM = `${SSM}/amazon-linux-2023/arm64/recommended/image_id`;
const AL2023_GPU = `${SSM}/amazon-linux-2023/gpu/recommended/image_id`;

function managed(resources: Partial<NonNullable<ComputeEnvironment['computeResources']>>) {
  return {
    computeEnvironmentName: 'ce',
    type: 'MANAGED',
    computeResources: { type: 'EC2', ...resources },
  } satisfies ComputeEnvironment;
}

const withTemplates = managed({
  instanceTypes: ['c5', 'g5', 'optimal'],
  launchTemplate: {
    launchTemplateName: 'base',
    version: '$Latest',
    overrides: [{ launchTemplateId: 'lt-gpu', version: '3', targetInstanceTypes: ['g5'] }],
  },
});

describe('planLookups', () => {
  it('asks only for the default AMI parameters the instance types need', () => {
    expect(planLookups(managed({ instanceTypes: ['c5', 'c7g', 'p5'] }))).toEqual({
      launchTemplateVersions: [],
      ssmParameters: [AL2023, AL2023_ARM, AL2023_GPU],
      instanceTypes: ['c5', 'c7g', 'p5'],
    });
  });

  it('asks for every launch template version, and the defaults they might fall back to', () => {
    const plan = planLookups(withTemplates);
    expect(plan.launchTemplateVersions).toEqual([
      { launchTemplateId: 'lt-gpu', version: '3' },
      { launchTemplateName: 'base', version: '$Latest' },
    ]);
    expect(plan.ssmParameters).toEqual([AL2023, AL2023_GPU]);
    expect(plan.instanceTypes).toEqual(['c5', 'g5']);
  });

  it('asks for nothing an explicit AMI makes unnecessary', () => {
    const plan = planLookups(
      managed({
        instanceTypes: ['c5'],
        imageId: 'ami-legacy',
        launchTemplate: { launchTemplateName: 'base' },
      }),
    );
    expect(plan.launchTemplateVersions).toEqual([]);
    expect(plan.ssmParameters).toEqual([]);
  });

  it('drops the default parameters once the templates are known to set an image', () => {
    const fetched: LaunchTemplateVersionLookup[] = [
      {
        launchTemplateId: 'lt-gpu',
        requestedVersion: '3',
        found: true,
        resolvedVersion: 3,
        imageId: 'ami-gpu',
      },
      {
        launchTemplateName: 'base',
        requestedVersion: '$Latest',
        found: true,
        resolvedVersion: 8,
        imageId: 'ami-base',
      },
    ];
    const plan = planLookups(withTemplates, { launchTemplateVersions: fetched });
    expect(plan.launchTemplateVersions).toEqual([]);
    expect(plan.ssmParameters).toEqual([]);
  });

  it('asks for the registered instances of an unmanaged compute environment', () => {
    const plan = planLookups({
      computeEnvironmentName: 'byo',
      type: 'UNMANAGED',
      ecsClusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/byo',
    });
    expect(plan.registeredInstancesOf).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/byo');
  });

  it('asks for nothing when there is no AMI to audit', () => {
    expect(planLookups({ ...managed({}), computeResources: { type: 'FARGATE' } })).toEqual({
      launchTemplateVersions: [],
      ssmParameters: [],
      instanceTypes: [],
    });
  });
});

describe('a plan is complete', () => {
  /** A fake adapter: answers exactly what the plan asked, nothing more. */
  function fulfil(plan: LookupPlan) {
    return {
      launchTemplateVersions: plan.launchTemplateVersions.map(
        (ref): LaunchTemplateVersionLookup => ({
          ...(ref.launchTemplateId ? { launchTemplateId: ref.launchTemplateId } : {}),
          ...(ref.launchTemplateName ? { launchTemplateName: ref.launchTemplateName } : {}),
          requestedVersion: ref.version,
          found: true,
          resolvedVersion: 1,
        }),
      ),
      batchDefaults: Object.fromEntries(plan.ssmParameters.map((p) => [p, `ami-${p.length}`])),
      ...(plan.registeredInstancesOf ? { registeredInstances: [] } : {}),
    };
  }

  it.each([
    ['defaults only', managed({ instanceTypes: ['c5', 'c7g', 'g5', 'default_arm64'] })],
    ['templates and overrides', withTemplates],
    [
      'two image types',
      managed({
        instanceTypes: ['c5', 'p4d'],
        ec2Configuration: [{ imageType: 'ECS_AL2' }, { imageType: 'ECS_AL2_NVIDIA' }],
        launchTemplate: { launchTemplateId: 'lt-1', version: '2' },
      }),
    ],
  ])('%s: resolving with what the plan fetched leaves nothing unlooked-up', (_name, ce) => {
    const resolution = resolveTargets({ computeEnvironment: ce, ...fulfil(planLookups(ce)) });
    expect(resolution.problems).toEqual([]);
    expect(resolution.targets.length).toBeGreaterThan(0);
  });
});

describe('mergeLookupPlans', () => {
  it('lists each read once across compute environments', () => {
    const merged = mergeLookupPlans([
      planLookups(withTemplates),
      planLookups(
        managed({
          instanceTypes: ['c5'],
          launchTemplate: { launchTemplateName: 'base', version: '$Latest' },
        }),
      ),
    ]);
    expect(merged.launchTemplateVersions).toHaveLength(2);
    expect(merged.ssmParameters).toEqual([AL2023, AL2023_GPU]);
    expect(merged.registeredInstancesOf).toEqual([]);
  });
});
