/**
 * DescribeImages, batched across every target of a run.
 *
 * IAM: ec2:DescribeImages.
 *
 * Images are looked up with an `image-id` filter rather than `ImageIds`: with
 * `ImageIds`, one missing AMI fails the whole call (InvalidAMIID.NotFound); with
 * a filter, missing AMIs are simply absent and are reported one by one.
 */
import { DescribeImagesCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import type { ImageFacts } from '../core/subject';
import { call } from './errors';

/** DescribeImages accepts up to 200 values per filter. */
const IDS_PER_CALL = 200;

const NOT_FOUND_REASON =
  'DescribeImages returned nothing for this AMI: it is deregistered, not shared with this account, or in another region';

/** Every requested AMI as ImageFacts; those EC2 does not return are `found: false`. */
export async function describeImages(
  ec2: EC2Client,
  imageIds: readonly string[],
): Promise<Map<string, ImageFacts>> {
  const unique = [...new Set(imageIds)];
  const found = await describeImageRecords(ec2, unique);
  return new Map(
    unique.map((id) => {
      const image = found.get(id);
      return [
        id,
        image
          ? toImageFacts(image)
          : { imageId: id, found: false, notFoundReason: NOT_FOUND_REASON },
      ];
    }),
  );
}

/**
 * EC2's own description of each requested AMI that exists (deprecated and disabled ones
 * included); missing AMIs are absent. The probe's launch reads the root device from it.
 */
export async function describeImageRecords(
  ec2: EC2Client,
  imageIds: readonly string[],
): Promise<Map<string, Image>> {
  const unique = [...new Set(imageIds)];
  const found = new Map<string, Image>();
  for (let i = 0; i < unique.length; i += IDS_PER_CALL) {
    const chunk = unique.slice(i, i + IDS_PER_CALL);
    let nextToken: string | undefined;
    do {
      const page = await call('ec2:DescribeImages', () =>
        ec2.send(
          new DescribeImagesCommand({
            Filters: [{ Name: 'image-id', Values: chunk }],
            IncludeDeprecated: true,
            IncludeDisabled: true,
            NextToken: nextToken,
          }),
        ),
      );
      for (const image of page.Images ?? []) if (image.ImageId) found.set(image.ImageId, image);
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return found;
}

/** Maps an EC2 Image onto the auditor's ImageFacts. */
export function toImageFacts(image: Image): ImageFacts {
  const root = image.BlockDeviceMappings?.find((m) => m.DeviceName === image.RootDeviceName);
  return compact({
    imageId: image.ImageId ?? '',
    found: true,
    name: image.Name,
    ownerId: image.OwnerId,
    state: image.State,
    virtualizationType: image.VirtualizationType,
    architecture: image.Architecture,
    platformDetails: image.PlatformDetails,
    platform: image.Platform,
    // DescribeImages omits EnaSupport when ENA is not enabled on the image.
    enaSupport: image.EnaSupport ?? false,
    bootMode: image.BootMode,
    deprecationTime: image.DeprecationTime,
    rootDeviceType: image.RootDeviceType,
    rootVolumeSizeGiB: root?.Ebs?.VolumeSize,
    creationDate: image.CreationDate,
  });
}

/** Drops undefined fields so facts serialise (and compare) cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
