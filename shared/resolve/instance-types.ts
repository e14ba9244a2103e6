/**
 * What an EC2 instance type needs from an AMI (architecture, ENA, boot modes, GPU),
 * from a maintained table of instance families, merged with real DescribeInstanceTypes
 * data when an adapter provides it (real data wins; the table is the fallback; a family
 * the table does not know is `unknown`, so rules that need it are INCONCLUSIVE).
 *
 * Sources: EC2 instance-type naming and the "Determine the supported boot modes" page
 * (Graviton boots UEFI only; Intel/AMD Nitro types support UEFI and legacy BIOS except
 * bare metal, DL1, G4ad, P4, u-*tb1 and VT1; Xen types boot legacy BIOS only).
 */
import type { Evidence } from '../core/rule';
import type { ComputeEnvironmentContext, InstanceTypeInfo } from '../core/subject';

/** Instance-type words Batch accepts that are not EC2 instance types. */
export const BATCH_INSTANCE_TYPE_KEYWORDS = ['optimal', 'default_x86_64', 'default_arm64'] as const;

type Profile = Omit<InstanceTypeInfo, 'instanceType' | 'source'>;

const GRAVITON: Profile = {
  architectures: ['arm64'],
  enaSupport: 'required',
  bootModes: ['uefi'],
  gpu: false,
};
const NITRO_X86: Profile = {
  architectures: ['x86_64'],
  enaSupport: 'required',
  bootModes: ['legacy-bios', 'uefi'],
  gpu: false,
};
/** Nitro x86 types EC2 lists as not supporting UEFI. */
const NITRO_X86_BIOS_ONLY: Profile = { ...NITRO_X86, bootModes: ['legacy-bios'] };
/** Xen-based types with an ENA driver option (ENA is `supported`, not `required`). */
const XEN_X86_ENA: Profile = {
  architectures: ['x86_64'],
  enaSupport: 'supported',
  bootModes: ['legacy-bios'],
  gpu: false,
};
/** Xen-based types without ENA (Intel 82599 VF or no enhanced networking). */
const XEN_X86: Profile = {
  architectures: ['i386', 'x86_64'],
  enaSupport: 'unsupported',
  bootModes: ['legacy-bios'],
  gpu: false,
};

const gpu = (profile: Profile): Profile => ({ ...profile, gpu: true });

function rows(families: readonly string[], profile: Profile): [string, Profile][] {
  return families.map((family) => [family, profile]);
}

/** Family -> profile. Keep sorted by generation within a row; add new families here. */
const FAMILIES: ReadonlyMap<string, Profile> = new Map([
  ...rows(
    [
      'a1',
      't4g',
      'm6g',
      'm6gd',
      'm7g',
      'm7gd',
      'm8g',
      'm8gd',
      'c6g',
      'c6gd',
      'c6gn',
      'c7g',
      'c7gd',
      'c7gn',
      'c8g',
      'c8gd',
      'c8gn',
      'r6g',
      'r6gd',
      'r7g',
      'r7gd',
      'r8g',
      'r8gd',
      'x2gd',
      'x8g',
      'im4gn',
      'is4gen',
      'i4g',
      'i8g',
      'i8ge',
      'hpc7g',
    ],
    GRAVITON,
  ),
  // NVIDIA GPUs on Graviton (Grace) hosts: no ECS GPU image type serves them.
  ...rows(['g5g', 'p6e-gb200'], gpu(GRAVITON)),
  ...rows(
    [
      't3',
      't3a',
      'm5',
      'm5a',
      'm5ad',
      'm5d',
      'm5dn',
      'm5n',
      'm5zn',
      'm6a',
      'm6i',
      'm6id',
      'm6idn',
      'm6in',
      'm7a',
      'm7i',
      'm7i-flex',
      'm8a',
      'm8i',
      'm8i-flex',
      'c5',
      'c5a',
      'c5ad',
      'c5d',
      'c5n',
      'c6a',
      'c6i',
      'c6id',
      'c6in',
      'c7a',
      'c7i',
      'c7i-flex',
      'c8a',
      'c8i',
      'c8i-flex',
      'r5',
      'r5a',
      'r5ad',
      'r5b',
      'r5d',
      'r5dn',
      'r5n',
      'r6a',
      'r6i',
      'r6id',
      'r6idn',
      'r6in',
      'r7a',
      'r7i',
      'r7iz',
      'r8a',
      'r8i',
      'r8i-flex',
      'x2idn',
      'x2iedn',
      'x2iezn',
      'z1d',
      'i3en',
      'i4i',
      'i7i',
      'i7ie',
      'd3',
      'd3en',
      'hpc6a',
      'hpc6id',
      'hpc7a',
      'inf1',
      'inf2',
      'trn1',
      'trn1n',
      'trn2',
      'f2',
    ],
    NITRO_X86,
  ),
  ...rows(
    ['p3dn', 'p5', 'p5e', 'p5en', 'p6-b200', 'g4dn', 'g5', 'g6', 'g6e', 'g6f', 'gr6', 'gr6f'],
    gpu(NITRO_X86),
  ),
  ...rows(
    ['dl1', 'vt1', 'u-3tb1', 'u-6tb1', 'u-9tb1', 'u-12tb1', 'u-18tb1', 'u-24tb1'],
    NITRO_X86_BIOS_ONLY,
  ),
  // g4ad carries AMD Radeon GPUs: a GPU family, but not one the NVIDIA image types serve.
  ...rows(['p4d', 'p4de', 'g4ad'], gpu(NITRO_X86_BIOS_ONLY)),
  ...rows(['r4', 'x1', 'x1e', 'i3', 'h1', 'f1'], XEN_X86_ENA),
  ...rows(['p2', 'p3', 'g3', 'g3s'], gpu(XEN_X86_ENA)),
  ...rows(
    ['t1', 't2', 'm1', 'm2', 'm3', 'm4', 'c1', 'c3', 'c4', 'cc2', 'cr1', 'r3', 'i2', 'd2', 'hs1'],
    XEN_X86,
  ),
  ...rows(['g2'], gpu(XEN_X86)),
  // Batch keywords. `optimal` picked c4/m4/r4/c5/m5/r5 until 2025-11-01 and now matches
  // `default_x86_64` (m6i/c6i/r6i/c7i), so it is profiled as current Nitro x86.
  ...rows(['optimal', 'default_x86_64'], NITRO_X86),
  ...rows(['default_arm64'], GRAVITON),
]);

const normalise = (instanceType: string): string => instanceType.trim().toLowerCase();

/** The family of an instance type or family: `c7g.large` -> `c7g`, `c7g` -> `c7g`. */
export function instanceFamilyOf(instanceType: string): string {
  return normalise(instanceType).split('.')[0] ?? '';
}

/** True for a family (`c7g`) or Batch keyword (`optimal`), false for a size (`c7g.large`). */
export function isInstanceFamily(instanceType: string): boolean {
  return !normalise(instanceType).includes('.');
}

/** True for `optimal`, `default_x86_64` and `default_arm64`. */
export function isBatchKeyword(instanceType: string): boolean {
  return (BATCH_INSTANCE_TYPE_KEYWORDS as readonly string[]).includes(normalise(instanceType));
}

/**
 * True when `target` (an override's `targetInstanceTypes` entry) covers every instance
 * `instanceType` can launch: the same type, or `instanceType` is a size of family `target`.
 * A family is not covered by one of its sizes (its other sizes remain).
 */
export function covers(target: string, instanceType: string): boolean {
  const t = normalise(target);
  const i = normalise(instanceType);
  return t === i || (isInstanceFamily(t) && !isInstanceFamily(i) && instanceFamilyOf(i) === t);
}

/**
 * What the built-in table says about an instance type, family or Batch keyword.
 * Unknown families get `architectures: []` and `source: 'unknown'`.
 *
 * @example infoFromTable('c7g.large') // { architectures: ['arm64'], bootModes: ['uefi'], … }
 */
export function infoFromTable(instanceType: string): InstanceTypeInfo {
  const name = normalise(instanceType);
  const profile = FAMILIES.get(instanceFamilyOf(name));
  if (!profile) return { instanceType: name, architectures: [], gpu: false, source: 'unknown' };
  const size = name.split('.')[1] ?? '';
  // x86 bare-metal sizes are Nitro (ENA required) but boot legacy BIOS only.
  const metalX86 = size.startsWith('metal') && !profile.architectures.includes('arm64');
  return {
    instanceType: name,
    ...profile,
    ...(metalX86 ? { enaSupport: 'required', bootModes: ['legacy-bios'] } : {}),
    source: 'table',
  };
}

/**
 * Details for `instanceType`, preferring `described` (DescribeInstanceTypes results mapped by
 * an adapter) over the table. For a family, the described sizes of that family are combined
 * conservatively: architectures and boot modes every size supports, ENA required if any size
 * requires it, GPU if any size has one.
 */
export function instanceTypeInfo(
  instanceType: string,
  described: readonly InstanceTypeInfo[] = [],
): InstanceTypeInfo {
  const name = normalise(instanceType);
  const exact = described.find((d) => normalise(d.instanceType) === name);
  if (exact)
    return { ...exact, instanceType: name, source: exact.source ?? 'ec2:DescribeInstanceTypes' };
  if (isInstanceFamily(name) && !isBatchKeyword(name)) {
    const sizes = described.filter((d) => instanceFamilyOf(d.instanceType) === name);
    if (sizes.length > 0) return combine(name, sizes);
  }
  return infoFromTable(name);
}

function combine(name: string, sizes: readonly InstanceTypeInfo[]): InstanceTypeInfo {
  const [first, ...rest] = sizes as [InstanceTypeInfo, ...InstanceTypeInfo[]];
  const common = (pick: (i: InstanceTypeInfo) => readonly string[] | undefined) => {
    const sets = sizes.map(pick);
    if (sets.some((s) => s === undefined)) return undefined;
    return (pick(first) ?? []).filter((v) => sets.every((s) => s?.includes(v)));
  };
  const ena = sizes.map((s) => s.enaSupport);
  const bootModes = common((i) => i.bootModes);
  return {
    instanceType: name,
    architectures: common((i) => i.architectures) ?? [],
    gpu: [first, ...rest].some((s) => s.gpu),
    ...(ena.includes(undefined) ? {} : { enaSupport: strictestEna(ena) }),
    ...(bootModes ? { bootModes } : {}),
    source: 'ec2:DescribeInstanceTypes',
  };
}

function strictestEna(values: readonly InstanceTypeInfo['enaSupport'][]) {
  if (values.includes('required')) return 'required' as const;
  return values.includes('unsupported') ? ('unsupported' as const) : ('supported' as const);
}

/** The architecture an AMI for this type must have, or undefined when unknown. */
export function primaryArchitecture(info: InstanceTypeInfo): 'x86_64' | 'arm64' | undefined {
  if (info.architectures.includes('arm64')) return 'arm64';
  if (info.architectures.includes('x86_64')) return 'x86_64';
  return undefined;
}

/** The one architecture all `infos` need, or undefined when they disagree or any is unknown. */
export function commonArchitecture(
  infos: readonly InstanceTypeInfo[],
): 'x86_64' | 'arm64' | undefined {
  const archs = new Set(infos.map(primaryArchitecture));
  if (archs.size !== 1) return undefined;
  return [...archs][0];
}

/**
 * The instance types an image serves in `context`, with their details: the context's own
 * `instanceTypeInfo` where it has an entry, the table otherwise.
 */
export function servedInstanceTypes(context: ComputeEnvironmentContext): InstanceTypeInfo[] {
  return context.instanceTypes.map((type) => instanceTypeInfo(type, context.instanceTypeInfo));
}

/**
 * Evidence lines for instance-type details, one per source (EC2 or the built-in table), e.g.
 * `{ source: 'table:instance-types', observed: 'c5.large=x86_64, m5=x86_64' }`.
 */
export function instanceTypeEvidence(
  infos: readonly InstanceTypeInfo[],
  describe: (info: InstanceTypeInfo) => string,
): Evidence[] {
  const bySource = Map.groupBy(infos, (info) =>
    info.source === 'ec2:DescribeInstanceTypes' ? info.source : 'table:instance-types',
  );
  return [...bySource].map(([source, group]) => ({
    source,
    observed: group.map((info) => `${info.instanceType}=${describe(info)}`).join(', '),
  }));
}
