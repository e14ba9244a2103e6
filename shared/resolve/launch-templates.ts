/** Naming and matching launch template versions between the plan, the adapter and the resolver. */
import type { LaunchTemplateRef, LaunchTemplateVersionLookup } from './types';

/** Batch's default when a launch template specification omits `version`. */
export const DEFAULT_LAUNCH_TEMPLATE_VERSION = '$Default';

const VALID_VERSION = /^(\$Default|\$Latest|[1-9]\d*)$/;

/** The reference a compute environment makes, or a reason it is not a usable reference. */
export function launchTemplateRefOf(spec: {
  launchTemplateId?: string | undefined;
  launchTemplateName?: string | undefined;
  version?: string | undefined;
}): LaunchTemplateRef | { invalid: string } {
  const version = spec.version ?? DEFAULT_LAUNCH_TEMPLATE_VERSION;
  if (!VALID_VERSION.test(version)) {
    return { invalid: `version "${version}" is not a number, $Default or $Latest` };
  }
  // Batch rejects a specification with both; if one slips through, the id is unambiguous.
  if (spec.launchTemplateId) return { launchTemplateId: spec.launchTemplateId, version };
  if (spec.launchTemplateName) return { launchTemplateName: spec.launchTemplateName, version };
  return { invalid: 'it names neither launchTemplateId nor launchTemplateName' };
}

/** A stable key for a template and requested version: `id:lt-0abc@$Default`, `name:base@3`. */
export function launchTemplateKey(ref: {
  launchTemplateId?: string | undefined;
  launchTemplateName?: string | undefined;
  version?: string | undefined;
  requestedVersion?: string | undefined;
}): string {
  const version = ref.requestedVersion ?? ref.version ?? DEFAULT_LAUNCH_TEMPLATE_VERSION;
  return ref.launchTemplateId
    ? `id:${ref.launchTemplateId}@${version}`
    : `name:${ref.launchTemplateName ?? ''}@${version}`;
}

/** How people recognise the template in a message: `lt-0abc version $Latest`. */
export function describeLaunchTemplate(ref: LaunchTemplateRef): string {
  return `${ref.launchTemplateId ?? ref.launchTemplateName} version ${ref.version}`;
}

/** The adapter's answer for `ref`, or undefined when it was not looked up. */
export function findLaunchTemplateVersion(
  lookups: readonly LaunchTemplateVersionLookup[] | undefined,
  ref: LaunchTemplateRef,
): LaunchTemplateVersionLookup | undefined {
  const key = launchTemplateKey(ref);
  return lookups?.find((lookup) => launchTemplateKey(lookup) === key);
}
