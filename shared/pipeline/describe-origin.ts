/** Where an AMI came from, in words a person can act on (shown in reports and alerts). */
import type { TargetOrigin } from '../resolve/types';

export function describeOrigin(origin: TargetOrigin): string {
  const template = origin.launchTemplate
    ? `launch template ${origin.launchTemplate.id ?? origin.launchTemplate.name} ` +
      `version ${origin.launchTemplate.requestedVersion}` +
      (origin.launchTemplate.requestedVersion === String(origin.launchTemplate.resolvedVersion)
        ? ''
        : ` (= ${origin.launchTemplate.resolvedVersion})`)
    : 'launch template';
  switch (origin.field) {
    case 'launchTemplateOverride':
      return `launchTemplate.overrides: ${template}`;
    case 'imageId':
      return 'computeResources.imageId';
    case 'imageIdOverride':
      return `ec2Configuration[${origin.imageType ?? '?'}].imageIdOverride`;
    case 'launchTemplate':
      return `launchTemplate: ${template}`;
    case 'batchDefault':
      return `Batch default for ${origin.imageType ?? 'the image type'}${origin.parameter ? ` (${origin.parameter})` : ''}`;
    case 'registeredInstance': {
      const ids = origin.instanceIds ?? (origin.instanceId ? [origin.instanceId] : []);
      const more = ids.length > 1 ? ` and ${ids.length - 1} more` : '';
      return `registered instance ${ids[0] ?? '?'}${more}`;
    }
  }
}
