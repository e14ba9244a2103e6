/**
 * The RunInstances request for one probe. Pure, so the security properties
 * are unit-tested: IMDSv2 required, encrypted root volume, no key pair, no
 * public IP request, tags applied at launch on every resource created, the
 * dedicated no-ingress security group, shutdown behaviour terminate.
 */
import { createHash } from 'node:crypto';
import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import { buildUserData } from './user-data';

export interface LaunchParamsInput {
  readonly amiId: string;
  readonly instanceType: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  readonly instanceProfileArn: string;
  /** The AMI's root device (e.g. `/dev/xvda`), so the root volume can be encrypted. */
  readonly rootDeviceName: string;
  /** The root snapshot's size; EC2 needs a size or snapshot when a mapping is overridden. */
  readonly rootVolumeSizeGiB?: number;
  readonly cluster: string;
  readonly maxLifetimeMinutes: number;
  readonly auditId: string;
  /** The execution that launches; with type and subnet it makes the request idempotent. */
  readonly execution: string;
  readonly tags: readonly { Key: string; Value: string }[];
}

/** Resources RunInstances creates for a probe; each gets the probe's tags at creation. */
const TAGGED_RESOURCES = ['instance', 'volume', 'network-interface'] as const;

export function buildRunInstancesInput(input: LaunchParamsInput): RunInstancesCommandInput {
  return {
    ImageId: input.amiId,
    InstanceType: input.instanceType as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    SubnetId: input.subnetId,
    SecurityGroupIds: [input.securityGroupId],
    IamInstanceProfile: { Arn: input.instanceProfileArn },
    MetadataOptions: {
      HttpEndpoint: 'enabled',
      HttpTokens: 'required',
      // 2, as on the ECS-optimized AMIs: an agent that runs in a bridged container must
      // still reach its credentials, or the join test would fail where Batch would not.
      HttpPutResponseHopLimit: 2,
    },
    BlockDeviceMappings: [
      {
        DeviceName: input.rootDeviceName,
        Ebs: {
          Encrypted: true,
          DeleteOnTermination: true,
          ...(input.rootVolumeSizeGiB ? { VolumeSize: input.rootVolumeSizeGiB } : {}),
        },
      },
    ],
    InstanceInitiatedShutdownBehavior: 'terminate',
    UserData: Buffer.from(
      buildUserData({
        cluster: input.cluster,
        maxLifetimeMinutes: input.maxLifetimeMinutes,
        auditId: input.auditId,
      }),
    ).toString('base64'),
    TagSpecifications: TAGGED_RESOURCES.map((ResourceType) => ({
      ResourceType,
      Tags: [...input.tags],
    })),
    // Same execution, type and subnet: EC2 returns the instance it already launched.
    ClientToken: createHash('sha256')
      .update(`${input.execution}|${input.instanceType}|${input.subnetId}`)
      .digest('hex')
      .slice(0, 64),
  };
}
