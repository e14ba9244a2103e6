/**
 * DescribeInstanceTypes, batched and cached for the life of the process
 * (instance type properties do not change).
 *
 * IAM: ec2:DescribeInstanceTypes.
 *
 * One unknown type fails a whole DescribeInstanceTypes call
 * (InvalidInstanceType), so a failed batch is split in halves until the bad
 * types are isolated; they are returned as missing and the caller falls back
 * to its table.
 */
import {
  type _InstanceType,
  DescribeInstanceTypesCommand,
  type EC2Client,
  type InstanceTypeInfo as Ec2InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import type { InstanceTypeInfo } from '../core/subject';
import { call, errorName } from './errors';

/** DescribeInstanceTypes accepts up to 100 instance types per call. */
const TYPES_PER_CALL = 100;

export class InstanceTypeCatalog {
  private readonly cache = new Map<string, InstanceTypeInfo | null>();
  private readonly ec2: EC2Client;

  constructor(ec2: EC2Client) {
    this.ec2 = ec2;
  }

  /** Details for each concrete type (e.g. `c7g.large`); unknown types are absent from the result. */
  async describe(instanceTypes: readonly string[]): Promise<Map<string, InstanceTypeInfo>> {
    const missing = [...new Set(instanceTypes)].filter((t) => !this.cache.has(t));
    for (let i = 0; i < missing.length; i += TYPES_PER_CALL) {
      await this.load(missing.slice(i, i + TYPES_PER_CALL));
    }
    const result = new Map<string, InstanceTypeInfo>();
    for (const type of instanceTypes) {
      const info = this.cache.get(type);
      if (info) result.set(type, info);
    }
    return result;
  }

  private async load(batch: readonly string[]): Promise<void> {
    try {
      const response = await call('ec2:DescribeInstanceTypes', () =>
        this.ec2.send(
          new DescribeInstanceTypesCommand({ InstanceTypes: batch as _InstanceType[] }),
        ),
      );
      for (const type of batch) this.cache.set(type, null);
      for (const info of response.InstanceTypes ?? []) {
        if (info.InstanceType) this.cache.set(info.InstanceType, toInstanceTypeInfo(info));
      }
    } catch (error) {
      if (errorName(error) !== 'InvalidInstanceType') throw error;
      if (batch.length === 1) {
        this.cache.set(batch[0] as string, null);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.load(batch.slice(0, half));
      await this.load(batch.slice(half));
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
  };
}
