import { describe, expect, it } from 'vitest';
import type { ComputeEnvironment } from '../../../shared/resolve/compute-environment';
import { contextForTarget, resolveTargets } from '../../../shared/resolve/resolve-targets';
import type {
  LaunchTemplateVersionLookup,
  Resolution,
  ResolveInput,
} from '../../../shared/resolve/types';

const SSM = '/aws/service/ecs/optimized-ami';
const AL2023 = `${SSM}/amazon-linux-2023/recommended/image_id`;
const AL2023_ARM = `${SSM}/amazon-linux-2023/arm64/recommended/image_id`;
const AL2023_GPU = `${SSM}/amazon-linux-2023/gpu/recommended/image_id`;
const AL2 = `${SSM}/amazon-linux-2/recommended/image_id`;
const AL2_GPU = `${SSM}/amazon-linux-2/gpu/recommended/image_id`;

/** Batch's current defaults in a made-up region. */
const DEFAULTS = {
  [AL2023]: 'ami-al2023',
  [AL2023_ARM]: 'ami-al2023-arm',
  [AL2023_GPU]: 'ami-al2023-gpu',
  [AL2]: 'ami-al2',
  [AL2_GPU]: 'ami-al2-gpu',
};

function managed(resources: Partial<NonNullable<ComputeEnvironment['computeResources']>>) {
  return {
    computeEnvironmentName: 'ce',
    computeEnvironmentArn: 'arn:aws:batch:us-east-1:123456789012:compute-environment/ce',
    type: 'MANAGED',
    status: 'VALID',
    computeResources: { type: 'EC2', ...resources },
  } satisfies ComputeEnvironment;
}

function resolve(ce: ComputeEnvironment, extra: Omit<ResolveInput, 'computeEnvironment'> = {}) {
  return resolveTargets({ batchDefaults: DEFAULTS, ...extra, computeEnvironment: ce });
}

/** `ami -> served instance types`, the shape a person reads a resolution in. */
function served(resolution: Resolution): Record<string, readonly string[]> {
  return Object.fromEntries(resolution.targets.map((t) => [t.amiId, t.instanceTypes]));
}

function lt(
  ref: { id?: string; name?: string; requested?: string },
  resolvedVersion: number,
  imageId?: string,
): LaunchTemplateVersionLookup {
  return {
    ...(ref.id ? { launchTemplateId: ref.id } : {}),
    ...(ref.name ? { launchTemplateName: ref.name } : {}),
    requestedVersion: ref.requested ?? '$Default',
    found: true,
    resolvedVersion,
    ...(imageId ? { imageId } : {}),
  };
}

describe('Batch default AMI (step 5)', () => {
  it('uses the AL2023 default for non-GPU x86 types when ec2Configuration is omitted', () => {
    const resolution = resolve(managed({ instanceTypes: ['c5', 'm5.large'] }));
    expect(resolution.problems).toEqual([]);
    expect(resolution.targets).toEqual([
      {
        amiId: 'ami-al2023',
        origin: { field: 'batchDefault', imageType: 'ECS_AL2023', parameter: AL2023 },
        imageType: 'ECS_AL2023',
        instanceTypes: ['c5', 'm5.large'],
        instanceTypeInfo: expect.any(Array),
        expectedArchitecture: 'x86_64',
        gpu: false,
      },
    ]);
    expect(resolution.notes.join(' ')).toContain('ec2Configuration is not set');
  });

  it('splits GPU types onto the AL2023 NVIDIA default', () => {
    const resolution = resolve(managed({ instanceTypes: ['c5', 'g5', 'p4d.24xlarge'] }));
    expect(served(resolution)).toEqual({
      'ami-al2023': ['c5'],
      'ami-al2023-gpu': ['g5', 'p4d.24xlarge'],
    });
    expect(resolution.targets.find((t) => t.amiId === 'ami-al2023-gpu')?.gpu).toBe(true);
  });

  it('uses the arm64 default for Graviton types', () => {
    const resolution = resolve(managed({ instanceTypes: ['c7g', 'default_arm64'] }));
    expect(resolution.targets).toMatchObject([
      { amiId: 'ami-al2023-arm', expectedArchitecture: 'arm64', origin: { parameter: AL2023_ARM } },
    ]);
  });

  it('gives mixed x86 and Graviton types one default each', () => {
    expect(served(resolve(managed({ instanceTypes: ['optimal', 'm7g.large'] })))).toEqual({
      'ami-al2023': ['optimal'],
      'ami-al2023-arm': ['m7g.large'],
    });
  });

  it('uses the AL2 defaults when ec2Configuration names ECS_AL2 and ECS_AL2_NVIDIA', () => {
    const ce = managed({
      instanceTypes: ['c5', 'p3'],
      ec2Configuration: [{ imageType: 'ECS_AL2' }, { imageType: 'ECS_AL2_NVIDIA' }],
    });
    const resolution = resolve(ce);
    expect(served(resolution)).toEqual({ 'ami-al2': ['c5'], 'ami-al2-gpu': ['p3'] });
    expect(resolution.notes.join(' ')).not.toContain('ec2Configuration is not set');
  });

  it('serves every type, GPU ones included, from a single ec2Configuration entry', () => {
    const ce = managed({
      instanceTypes: ['c5', 'g4dn'],
      ec2Configuration: [{ imageType: 'ECS_AL2' }],
    });
    expect(served(resolve(ce))).toEqual({ 'ami-al2': ['c5', 'g4dn'] });
  });

  it('cannot pick a GPU default for Graviton GPU types', () => {
    const resolution = resolve(managed({ instanceTypes: ['g5g.xlarge'] }));
    expect(resolution.targets).toEqual([]);
    expect(resolution.problems).toMatchObject([
      { code: 'no-default-image', verdict: 'INCONCLUSIVE', instanceTypes: ['g5g.xlarge'] },
    ]);
    expect(resolution.problems[0]?.message).toContain('not for Graviton');
  });

  it('is INCONCLUSIVE for a family of unknown architecture, unless EC2 described it', () => {
    const unknown = resolve(managed({ instanceTypes: ['zz9.large'] }));
    expect(unknown.problems).toMatchObject([{ code: 'unknown-architecture' }]);
    expect(unknown.problems[0]?.message).toContain('zz9.large');

    const described = resolve(managed({ instanceTypes: ['zz9.large'] }), {
      describedInstanceTypes: [{ instanceType: 'zz9.large', architectures: ['arm64'], gpu: false }],
    });
    expect(served(described)).toEqual({ 'ami-al2023-arm': ['zz9.large'] });
  });

  it('reports a default parameter that was not looked up, and one SSM does not have', () => {
    const notLooked = resolveTargets({ computeEnvironment: managed({ instanceTypes: ['c5'] }) });
    expect(notLooked.problems).toMatchObject([
      { code: 'default-image-not-looked-up', verdict: 'INCONCLUSIVE' },
    ]);
    const missing = resolve(managed({ instanceTypes: ['c5'] }), {
      batchDefaults: { [AL2023]: null },
    });
    expect(missing.problems[0]?.message).toBe(
      `SSM parameter ${AL2023} does not exist in this region, so Batch's default ECS_AL2023 AMI for c5 is unknown.`,
    );
  });

  it('notes documented incompatibilities (A1 on AL2023, p3 on AL2023 NVIDIA)', () => {
    const notes = resolve(managed({ instanceTypes: ['a1.large', 'p3.2xlarge'] })).notes.join(' ');
    expect(notes).toContain('a1.large: "Amazon Linux 2023 does not support A1 instances"');
    expect(notes).toContain('p3.2xlarge: "ECS_AL2023_NVIDIA doesn\'t support p3 and g3');
  });
});

describe('imageIdOverride (step 3) and imageId (step 2)', () => {
  it('uses imageIdOverride per image type, splitting GPU and non-GPU types', () => {
    const ce = managed({
      instanceTypes: ['c5', 'g5'],
      ec2Configuration: [
        { imageType: 'ECS_AL2', imageIdOverride: 'ami-cpu' },
        { imageType: 'ECS_AL2_NVIDIA', imageIdOverride: 'ami-gpu' },
      ],
    });
    const resolution = resolve(ce);
    expect(served(resolution)).toEqual({ 'ami-cpu': ['c5'], 'ami-gpu': ['g5'] });
    expect(resolution.targets[1]).toMatchObject({
      origin: { field: 'imageIdOverride', imageType: 'ECS_AL2_NVIDIA' },
      gpu: true,
    });
  });

  it('falls back to the default for the image type that has no override', () => {
    const ce = managed({
      instanceTypes: ['c5', 'g5'],
      ec2Configuration: [
        { imageType: 'ECS_AL2023' },
        { imageType: 'ECS_AL2023_NVIDIA', imageIdOverride: 'ami-gpu' },
      ],
    });
    expect(served(resolve(ce))).toEqual({ 'ami-al2023': ['c5'], 'ami-gpu': ['g5'] });
  });

  it('lets the deprecated imageId win over imageIdOverride (selection-order page)', () => {
    const ce = managed({
      instanceTypes: ['c5'],
      imageId: 'ami-legacy',
      ec2Configuration: [{ imageType: 'ECS_AL2023', imageIdOverride: 'ami-override' }],
    });
    expect(resolve(ce).targets).toMatchObject([
      { amiId: 'ami-legacy', origin: { field: 'imageId' }, instanceTypes: ['c5'] },
    ]);
  });

  it('merges one AMI chosen for two image types into one target', () => {
    const ce = managed({
      instanceTypes: ['c5', 'g5'],
      ec2Configuration: [
        { imageType: 'ECS_AL2023', imageIdOverride: 'ami-same' },
        { imageType: 'ECS_AL2023_NVIDIA', imageIdOverride: 'ami-same' },
      ],
    });
    const [target, ...others] = resolve(ce).targets;
    expect(others).toEqual([]);
    expect(target).toMatchObject({
      amiId: 'ami-same',
      instanceTypes: ['c5', 'g5'],
      origin: { field: 'imageIdOverride', imageType: 'ECS_AL2023' },
      otherOrigins: [{ field: 'imageIdOverride', imageType: 'ECS_AL2023_NVIDIA' }],
      gpu: true,
    });
  });
});

describe('launch template (step 4)', () => {
  it('uses the ImageId of the $Default version when the version is omitted', () => {
    const ce = managed({ instanceTypes: ['c5'], launchTemplate: { launchTemplateName: 'base' } });
    const resolution = resolve(ce, { launchTemplateVersions: [lt({ name: 'base' }, 3, 'ami-lt')] });
    expect(resolution.targets).toMatchObject([
      {
        amiId: 'ami-lt',
        origin: {
          field: 'launchTemplate',
          launchTemplate: { name: 'base', requestedVersion: '$Default', resolvedVersion: 3 },
          imageType: 'ECS_AL2023',
        },
      },
    ]);
  });

  it.each(['$Latest', '7'])('reads version %s as requested', (version) => {
    const ce = managed({
      instanceTypes: ['c5'],
      launchTemplate: { launchTemplateId: 'lt-0abc', version },
    });
    const lookups = [
      lt({ id: 'lt-0abc' }, 1, 'ami-default'),
      lt({ id: 'lt-0abc', requested: version }, 7, 'ami-v7'),
    ];
    expect(served(resolve(ce, { launchTemplateVersions: lookups }))).toEqual({ 'ami-v7': ['c5'] });
  });

  it('loses to imageIdOverride', () => {
    const ce = managed({
      instanceTypes: ['c5'],
      ec2Configuration: [{ imageType: 'ECS_AL2023', imageIdOverride: 'ami-override' }],
      launchTemplate: { launchTemplateName: 'base' },
    });
    const resolution = resolve(ce, { launchTemplateVersions: [lt({ name: 'base' }, 1, 'ami-lt')] });
    expect(served(resolution)).toEqual({ 'ami-override': ['c5'] });
  });

  it('falls back to the Batch default when the version sets no ImageId', () => {
    const ce = managed({ instanceTypes: ['c5'], launchTemplate: { launchTemplateName: 'base' } });
    const resolution = resolve(ce, { launchTemplateVersions: [lt({ name: 'base' }, 2)] });
    expect(served(resolution)).toEqual({ 'ami-al2023': ['c5'] });
  });

  it('FAILs when the launch template version does not exist', () => {
    const ce = managed({
      instanceTypes: ['c5'],
      launchTemplate: { launchTemplateName: 'base', version: '9' },
    });
    const resolution = resolve(ce, {
      launchTemplateVersions: [
        {
          launchTemplateName: 'base',
          requestedVersion: '9',
          found: false,
          reason: 'InvalidLaunchTemplateId.VersionNotFound',
        },
      ],
    });
    expect(resolution.targets).toEqual([]);
    expect(resolution.problems).toEqual([
      {
        code: 'launch-template-not-found',
        verdict: 'FAIL',
        message:
          'The launch template base version 9 does not exist (InvalidLaunchTemplateId.VersionNotFound); Batch cannot launch c5 from it.',
        instanceTypes: ['c5'],
      },
    ]);
  });

  it('is INCONCLUSIVE, not a guess, when the template was not looked up', () => {
    const ce = managed({ instanceTypes: ['c5'], launchTemplate: { launchTemplateName: 'base' } });
    const resolution = resolve(ce);
    expect(resolution.targets).toEqual([]);
    expect(resolution.problems).toMatchObject([
      { code: 'launch-template-not-looked-up', verdict: 'INCONCLUSIVE' },
    ]);
  });

  it('is INCONCLUSIVE when the ImageId is an unresolved SSM alias', () => {
    const ce = managed({ instanceTypes: ['c5'], launchTemplate: { launchTemplateName: 'base' } });
    const resolution = resolve(ce, {
      launchTemplateVersions: [lt({ name: 'base' }, 1, 'resolve:ssm:/my/ami')],
    });
    expect(resolution.problems[0]).toMatchObject({ code: 'launch-template-unresolved-alias' });
    expect(resolution.problems[0]?.message).toContain('resolve:ssm:/my/ami');
  });

  it('rejects a version that is not a number, $Default or $Latest', () => {
    const ce = managed({
      instanceTypes: ['c5'],
      launchTemplate: { launchTemplateName: 'base', version: 'latest' },
    });
    expect(resolve(ce).problems[0]?.message).toContain('version "latest" is not a number');
  });
});

describe('launch template overrides (step 1)', () => {
  const withOverride = (
    instanceTypes: string[],
    targetInstanceTypes: string[],
    extra: Partial<NonNullable<ComputeEnvironment['computeResources']>> = {},
  ) =>
    managed({
      instanceTypes,
      ...extra,
      launchTemplate: {
        launchTemplateName: 'base',
        overrides: [{ launchTemplateId: 'lt-gpu', targetInstanceTypes }],
      },
    });

  it('serves the targeted types from the override AMI and removes them from the rest', () => {
    const resolution = resolve(withOverride(['m5', 'g5'], ['g5']), {
      launchTemplateVersions: [lt({ name: 'base' }, 1), lt({ id: 'lt-gpu' }, 4, 'ami-custom-gpu')],
    });
    expect(served(resolution)).toEqual({ 'ami-custom-gpu': ['g5'], 'ami-al2023': ['m5'] });
    expect(resolution.targets[0]).toMatchObject({
      origin: {
        field: 'launchTemplateOverride',
        launchTemplate: { id: 'lt-gpu', requestedVersion: '$Default', resolvedVersion: 4 },
      },
      gpu: true,
    });
  });

  it('leaves a family in the rest when the override targets only one of its sizes', () => {
    const resolution = resolve(withOverride(['m5'], ['m5.2xlarge']), {
      launchTemplateVersions: [lt({ name: 'base' }, 1), lt({ id: 'lt-gpu' }, 1, 'ami-big')],
    });
    expect(served(resolution)).toEqual({ 'ami-big': ['m5.2xlarge'], 'ami-al2023': ['m5'] });
  });

  it('beats the deprecated imageId for the types it targets', () => {
    const resolution = resolve(withOverride(['m5', 'g5'], ['g5'], { imageId: 'ami-legacy' }), {
      launchTemplateVersions: [lt({ id: 'lt-gpu' }, 1, 'ami-custom-gpu')],
    });
    expect(served(resolution)).toEqual({ 'ami-custom-gpu': ['g5'], 'ami-legacy': ['m5'] });
  });

  it('does not count when its template sets no ImageId', () => {
    const resolution = resolve(withOverride(['m5', 'g5'], ['g5']), {
      launchTemplateVersions: [lt({ name: 'base' }, 1, 'ami-base'), lt({ id: 'lt-gpu' }, 1)],
    });
    expect(served(resolution)).toEqual({ 'ami-base': ['m5', 'g5'] });
    expect(resolution.notes.join(' ')).toContain('sets no ImageId');
  });

  it('FAILs for the targeted types when the override template is missing', () => {
    const resolution = resolve(withOverride(['m5', 'g5'], ['g5']), {
      launchTemplateVersions: [
        lt({ name: 'base' }, 1),
        { launchTemplateId: 'lt-gpu', requestedVersion: '$Default', found: false, reason: 'gone' },
      ],
    });
    expect(served(resolution)).toEqual({ 'ami-al2023': ['m5'] });
    expect(resolution.problems).toMatchObject([
      { code: 'launch-template-not-found', verdict: 'FAIL', instanceTypes: ['g5'] },
    ]);
  });
});

describe('unmanaged compute environments', () => {
  const unmanaged = {
    computeEnvironmentName: 'byo',
    type: 'UNMANAGED',
    ecsClusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/byo',
  } satisfies ComputeEnvironment;

  it('gives one target per distinct AMI of the registered instances', () => {
    const resolution = resolveTargets({
      computeEnvironment: unmanaged,
      registeredInstances: [
        { instanceId: 'i-1', imageId: 'ami-a', instanceType: 'c5.large' },
        { instanceId: 'i-2', imageId: 'ami-a', instanceType: 'c5.xlarge' },
        { instanceId: 'i-3', imageId: 'ami-b', instanceType: 'c7g.large' },
      ],
    });
    expect(served(resolution)).toEqual({
      'ami-a': ['c5.large', 'c5.xlarge'],
      'ami-b': ['c7g.large'],
    });
    expect(resolution.targets[0]?.origin).toEqual({
      field: 'registeredInstance',
      instanceId: 'i-1',
      instanceIds: ['i-1', 'i-2'],
    });
    expect(resolution.targets[1]?.expectedArchitecture).toBe('arm64');
  });

  it('reports an instance whose AMI is unknown', () => {
    const resolution = resolveTargets({
      computeEnvironment: unmanaged,
      registeredInstances: [{ instanceId: 'i-9' }],
    });
    expect(resolution.problems).toMatchObject([{ code: 'instance-image-unknown' }]);
    expect(resolution.problems[0]?.message).toContain('i-9');
  });

  it('has nothing to audit while no instance is registered', () => {
    const resolution = resolveTargets({ computeEnvironment: unmanaged, registeredInstances: [] });
    expect(resolution.notApplicable?.reason).toContain('no instances registered');
  });

  it('is INCONCLUSIVE when the registered instances were not looked up', () => {
    const resolution = resolveTargets({ computeEnvironment: unmanaged });
    expect(resolution.problems).toMatchObject([{ code: 'registered-instances-not-looked-up' }]);
  });
});

describe('compute environments without an AMI to audit', () => {
  it.each(['FARGATE', 'FARGATE_SPOT', 'ECS_MANAGED_INSTANCES'])('%s is not applicable', (type) => {
    const resolution = resolve({ ...managed({}), computeResources: { type } });
    expect(resolution.targets).toEqual([]);
    expect(resolution.notApplicable?.reason).toContain(type);
  });

  it('EKS is not applicable: the ECS specification does not apply', () => {
    const resolution = resolve({
      ...managed({ instanceTypes: ['c5'] }),
      containerOrchestrationType: 'EKS',
    });
    expect(resolution.notApplicable?.reason).toContain('EKS');
  });

  it('a compute environment being deleted is not applicable', () => {
    const resolution = resolve({ ...managed({ instanceTypes: ['c5'] }), status: 'DELETING' });
    expect(resolution.notApplicable?.reason).toContain('DELETING');
  });

  it('a managed compute environment without computeResources is a problem, not a pass', () => {
    const resolution = resolveTargets({
      computeEnvironment: { computeEnvironmentName: 'odd', type: 'MANAGED' },
    });
    expect(resolution.problems).toMatchObject([
      { code: 'missing-compute-resources', verdict: 'INCONCLUSIVE' },
    ]);
  });
});

describe('contextForTarget', () => {
  it('describes how the compute environment uses the AMI for the rules', () => {
    const ce = managed({ instanceTypes: ['c7g'] });
    const [target] = resolve(ce).targets;
    if (!target) throw new Error('expected a target');
    expect(contextForTarget(ce, target)).toMatchObject({
      name: 'ce',
      arn: ce.computeEnvironmentArn,
      managed: true,
      resourceType: 'EC2',
      orchestration: 'ECS',
      instanceTypes: ['c7g'],
      expectedArchitecture: 'arm64',
      gpu: false,
    });
  });
});
