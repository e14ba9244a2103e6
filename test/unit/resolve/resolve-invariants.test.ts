import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComputeEnvironment } from '../../../shared/resolve/compute-environment';
import { planLookups } from '../../../shared/resolve/plan-lookups';
import { resolveTargets } from '../../../shared/resolve/resolve-targets';
import type { LaunchTemplateVersionLookup } from '../../../shared/resolve/types';

const TYPES = ['c5', 'm5.large', 'g5', 'p3.2xlarge', 'c7g', 'g5g.xlarge', 'optimal', 'zz9.large'];
const IMAGE_TYPES = ['ECS_AL2023', 'ECS_AL2023_NVIDIA', 'ECS_AL2', 'ECS_AL2_NVIDIA'];

/** Launch template state as EC2 would report it. */
const templateState = fc.constantFrom('image', 'no-image', 'missing');

const computeEnvironment = fc
  .record({
    instanceTypes: fc.subarray(TYPES, { minLength: 1 }),
    imageId: fc.option(fc.constant('ami-legacy'), { nil: undefined }),
    ec2Configuration: fc.option(
      fc.subarray(IMAGE_TYPES, { minLength: 1, maxLength: 2 }).chain((types) =>
        fc.tuple(
          ...types.map((imageType) =>
            fc.record({
              imageType: fc.constant(imageType),
              imageIdOverride: fc.option(fc.constant(`ami-override-${imageType}`), {
                nil: undefined,
              }),
            }),
          ),
        ),
      ),
      { nil: undefined },
    ),
    main: fc.option(templateState, { nil: undefined }),
    override: fc.option(templateState, { nil: undefined }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      // Batch does not allow `optimal` as an override target.
      overrideTargets: fc.subarray(shape.instanceTypes.filter((t) => t !== 'optimal')),
    }),
  );

function lookup(id: string, state: string): LaunchTemplateVersionLookup {
  const key = { launchTemplateId: id, requestedVersion: '$Default' };
  if (state === 'missing') return { ...key, found: false, reason: 'NotFound' };
  return {
    ...key,
    found: true,
    resolvedVersion: 1,
    ...(state === 'image' ? { imageId: `ami-${id}` } : {}),
  };
}

describe('resolveTargets invariants', () => {
  it('gives every listed instance type exactly one AMI, or names it in a problem', () => {
    fc.assert(
      fc.property(computeEnvironment, ({ shape: generated, overrideTargets }) => {
        const shape =
          overrideTargets.length > 0 ? generated : { ...generated, override: undefined };
        const ce: ComputeEnvironment = {
          computeEnvironmentName: 'ce',
          type: 'MANAGED',
          computeResources: {
            type: 'EC2',
            instanceTypes: shape.instanceTypes,
            ...(shape.imageId ? { imageId: shape.imageId } : {}),
            ...(shape.ec2Configuration ? { ec2Configuration: shape.ec2Configuration } : {}),
            ...(shape.main || shape.override
              ? {
                  launchTemplate: {
                    ...(shape.main ? { launchTemplateId: 'lt-main' } : {}),
                    ...(shape.override
                      ? {
                          overrides: [
                            { launchTemplateId: 'lt-over', targetInstanceTypes: overrideTargets },
                          ],
                        }
                      : {}),
                  },
                }
              : {}),
          },
        };
        // An adapter that answers everything the plan asks.
        const plan = planLookups(ce);
        const resolution = resolveTargets({
          computeEnvironment: ce,
          launchTemplateVersions: [
            ...(shape.main ? [lookup('lt-main', shape.main)] : []),
            ...(shape.override ? [lookup('lt-over', shape.override)] : []),
          ],
          batchDefaults: Object.fromEntries(plan.ssmParameters.map((p) => [p, `ami-${p}`])),
        });

        const amis = resolution.targets.map((t) => t.amiId);
        expect(new Set(amis).size).toBe(amis.length);
        expect(resolution.problems.map((p) => p.code)).not.toContain('default-image-not-looked-up');
        expect(resolution.problems.map((p) => p.code)).not.toContain(
          'launch-template-not-looked-up',
        );
        for (const type of shape.instanceTypes) {
          const servedBy = resolution.targets.filter((t) => t.instanceTypes.includes(type));
          const inProblem = resolution.problems.some((p) => p.instanceTypes?.includes(type));
          expect(servedBy.length + (inProblem ? 1 : 0), type).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
