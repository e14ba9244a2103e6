/**
 * DescribeLaunchTemplateVersions for the versions compute environments name.
 *
 * IAM: ec2:DescribeLaunchTemplateVersions.
 *
 * `ResolveAlias: true` makes EC2 resolve an ImageId of the form
 * `resolve:ssm:<parameter>` into the AMI id it names today.
 */
import { DescribeLaunchTemplateVersionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { LaunchTemplateRef, LaunchTemplateVersionLookup } from '../resolve/types';
import { call, errorName } from './errors';

/** Looks up each referenced version; a template or version that does not exist is `found: false`. */
export async function describeLaunchTemplateVersions(
  ec2: EC2Client,
  refs: readonly LaunchTemplateRef[],
): Promise<LaunchTemplateVersionLookup[]> {
  const results: LaunchTemplateVersionLookup[] = [];
  // One call per template, asking for all the versions wanted of it.
  const byTemplate = new Map<string, LaunchTemplateRef[]>();
  for (const ref of refs) {
    const key = ref.launchTemplateId
      ? `id:${ref.launchTemplateId}`
      : `name:${ref.launchTemplateName}`;
    byTemplate.set(key, [...(byTemplate.get(key) ?? []), ref]);
  }
  for (const group of byTemplate.values()) results.push(...(await describeGroup(ec2, group)));
  return results;
}

async function describeGroup(
  ec2: EC2Client,
  refs: readonly LaunchTemplateRef[],
): Promise<LaunchTemplateVersionLookup[]> {
  const [first] = refs as [LaunchTemplateRef];
  const key = (ref: LaunchTemplateRef) => ({
    ...(ref.launchTemplateId ? { launchTemplateId: ref.launchTemplateId } : {}),
    ...(ref.launchTemplateName ? { launchTemplateName: ref.launchTemplateName } : {}),
    requestedVersion: ref.version,
  });
  try {
    const response = await call('ec2:DescribeLaunchTemplateVersions', () =>
      ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          ...(first.launchTemplateId
            ? { LaunchTemplateId: first.launchTemplateId }
            : { LaunchTemplateName: first.launchTemplateName }),
          Versions: refs.map((r) => r.version),
          ResolveAlias: true,
        }),
      ),
    );
    const versions = response.LaunchTemplateVersions ?? [];
    return refs.map((ref) => {
      const match = versions.find((v) =>
        ref.version === '$Default'
          ? v.DefaultVersion === true
          : ref.version === '$Latest'
            ? v.VersionNumber === Math.max(...versions.map((x) => x.VersionNumber ?? 0))
            : String(v.VersionNumber) === ref.version,
      );
      if (!match?.VersionNumber) {
        return { ...key(ref), found: false, reason: `version ${ref.version} was not returned` };
      }
      const imageId = match.LaunchTemplateData?.ImageId;
      return {
        ...key(ref),
        found: true,
        resolvedVersion: match.VersionNumber,
        ...(imageId ? { imageId } : {}),
      };
    });
  } catch (error) {
    const name = errorName(error);
    if (!/^InvalidLaunchTemplate(Id|Name)\.|NotFound|MalformedException/.test(name)) throw error;
    // One missing version fails the whole call: ask again one version at a time so the
    // versions that do exist are still resolved.
    if (refs.length > 1) {
      const single = await Promise.all(refs.map((ref) => describeGroup(ec2, [ref])));
      return single.flat();
    }
    return refs.map((ref) => ({ ...key(ref), found: false, reason: name }));
  }
}
