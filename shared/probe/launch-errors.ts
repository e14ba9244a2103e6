/**
 * What to do when RunInstances fails, by EC2 error code.
 * Capacity and "not offered here" errors move on to the next subnet (another
 * Availability Zone) or the next instance type; an image that vanished is an
 * audit finding; anything else (access denied, bad parameters) stops the launch.
 */

export type LaunchErrorAction = 'try-next' | 'image-gone' | 'stop';

/** Errors that depend on the Availability Zone or the type, not on the request being wrong. */
const TRY_NEXT = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'InsufficientReservedInstanceCapacity',
  'Unsupported',
  'UnsupportedOperation',
  // A type that cannot boot this AMI (e.g. UEFI-only image on a BIOS-only type, no ENA driver).
  'InvalidParameterCombination',
  'InstanceLimitExceeded',
  'VcpuLimitExceeded',
  'MaxSpotInstanceCountExceeded',
  'InsufficientFreeAddressesInSubnet',
]);

const IMAGE_GONE = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable']);

export function classifyLaunchError(errorName: string): LaunchErrorAction {
  if (TRY_NEXT.has(errorName)) return 'try-next';
  if (IMAGE_GONE.has(errorName)) return 'image-gone';
  return 'stop';
}
