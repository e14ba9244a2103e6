/**
 * DescribeInstanceTypes, batched and cached for the life of the process
 * (instance type properties do not change).
 *
 * IAM: ec2:DescribeInstanceTypes.
 *
 * Concrete types (`c7g.large`) are asked for by name; families (`c7g`) by an
 * `instance-type` filter (`c7g.*`), which returns every size in one call. One
 * unknown name fails a whole by-name call (InvalidInstanceType), so a failed
 * batch is split in halves until the bad names are isolated; they come back
 * missing and the resolver falls back to its table.
 */
import {
  type _InstanceType,
  DescribeInstanceTypesCommand,
  type EC2Client,
  type InstanceTypeInfo as Ec2InstanceTypeInfo,
  paginateDescribeInstanceTypes,
} from '@aws-sdk/client-ec2';
import type { InstanceTypeInfo } from '../core/subject';
import { call, errorName } from './errors';

/** DescribeInstanceTypes accepts up to 100 names, or 200 filter values, per call. */
const NAMES_PER_CALL = 100;
const FILTER_VALUES_PER_CALL = 200;

export class InstanceTypeCatalog {
  private readonly ec2: EC2Client;
  private readonly byType = new Map<string, InstanceTypeInfo>();
  private readonly looked = new Set<string>();

  constructor(ec2: EC2Client) {
    this.ec2 = ec2;
  }

  /** Details for the named types and every size of the named families; unknown names are absent. */
  async describe(typesOrFamilies: readonly string[]): Promise<InstanceTypeInfo[]> {
    const wanted = [...new Set(typesOrFamilies.map((t) => t.trim().toLowerCase()))];
    const fresh = wanted.filter((t) => !this.looked.has(t));
    const types = fresh.filter((t) => t.includes('.'));
    const families = fresh.filter((t) => !t.includes('.'));
    for (let i = 0; i < types.length; i += NAMES_PER_CALL) {
      await this.loadByName(types.slice(i, i + NAMES_PER_CALL));
    }
    for (let i = 0; i < families.length; i += FILTER_VALUES_PER_CALL) {
      await this.loadFamilies(families.slice(i, i + FILTER_VALUES_PER_CALL));
    }
    for (const name of fresh) this.looked.add(name);
    return [...this.byType.values()].filter((info) =>
      wanted.some((w) => info.instanceType === w || info.instanceType.startsWith(`${w}.`)),
    );
  }

  private async loadByName(batch: readonly string[]): Promise<void> {
    try {
      const response = await call('ec2:DescribeInstanceTypes', () =>
        this.ec2.send(
          new DescribeInstanceTypesCommand({ InstanceTypes: batch as _InstanceType[] }),
        ),
      );
      this.remember(response.InstanceTypes);
    } catch (error) {
      if (errorName(error) !== 'InvalidInstanceType' || batch.length === 1) {
        if (errorName(error) === 'InvalidInstanceType') return;
        throw error;
      }
      const half = Math.ceil(batch.length / 2);
      await this.loadByName(batch.slice(0, half));
      await this.loadByName(batch.slice(half));
    }
  }

  private async loadFamilies(families: readonly string[]): Promise<void> {
    await call('ec2:DescribeInstanceTypes', async () => {
      const pages = paginateDescribeInstanceTypes(
        { client: this.ec2 },
        { Filters: [{ Name: 'instance-type', Values: families.map((f) => `${f}.*`) }] },
      );
      for await (const page of pages) this.remember(page.InstanceTypes);
    });
  }

  private remember(infos: readonly Ec2InstanceTypeInfo[] | undefined): void {
    for (const info of infos ?? []) {
      if (info.InstanceType) this.byType.set(info.InstanceType, toInstanceTypeInfo(info));
    }
  }
}

export function toInstanceTypeInfo(info: Ec2InstanceTypeInfo): InstanceTypeInfo {
  const ena = info.NetworkInfo?.EnaSupport;
  return {
    instanceType: info.InstanceType ?? '',
    architectures: info.ProcessorInfo?.SupportedArchitectures ?? [],
    ...(ena === 'required' || ena === 'supported' || ena === 'unsupported'
      ? { enaSupport: ena }
      : {}),
    ...(info.SupportedBootModes ? { bootModes: info.SupportedBootModes } : {}),
    gpu: (info.GpuInfo?.Gpus?.length ?? 0) > 0,
    source: 'ec2:DescribeInstanceTypes',
  };
}
