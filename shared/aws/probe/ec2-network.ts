/**
 * Probe networking: the SSM/ECS preflight of candidate subnets, and the
 * probe's own security group per VPC (no ingress, HTTPS egress only).
 *
 * IAM: ec2:DescribeSubnets, ec2:DescribeRouteTables, ec2:DescribeVpcEndpoints,
 * ec2:DescribeSecurityGroups (all Resource "*": Describe calls support no
 * resource-level permissions); ec2:CreateSecurityGroup (only with the owner
 * tag in the request) with ec2:CreateTags (only as part of CreateSecurityGroup);
 * ec2:RevokeSecurityGroupEgress and ec2:AuthorizeSecurityGroupEgress (only on
 * groups that carry the owner tag).
 */
import {
  AuthorizeSecurityGroupEgressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  type EC2Client,
  type IpPermission,
  paginateDescribeRouteTables,
  paginateDescribeVpcEndpoints,
  RevokeSecurityGroupEgressCommand,
  type RouteTable,
  type Subnet,
} from '@aws-sdk/client-ec2';
import {
  assessNetworkPath,
  type EndpointInfo,
  type NetworkPath,
  type RouteInfo,
} from '../../probe/network-path';
import { PROBE_TAG } from '../../probe/tags';
import { call, errorName } from '../errors';

export async function describeNetworkPaths(
  ec2: EC2Client,
  subnetIds: readonly string[],
  region: string,
): Promise<NetworkPath[]> {
  // A filter, not SubnetIds: one unknown subnet would fail the whole call.
  const { Subnets = [] } = await call('ec2:DescribeSubnets', () =>
    ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'subnet-id', Values: [...subnetIds] }] }),
    ),
  );
  const byId = new Map(Subnets.map((s) => [s.SubnetId, s]));
  const vpcs = new Map<string, { tables: RouteTable[]; endpoints: EndpointInfo[] }>();
  for (const vpcId of new Set(Subnets.map((s) => s.VpcId ?? ''))) {
    vpcs.set(vpcId, {
      tables: await routeTables(ec2, vpcId),
      endpoints: await endpoints(ec2, vpcId),
    });
  }
  return subnetIds.flatMap((id) => {
    const subnet = byId.get(id);
    const vpc = subnet && vpcs.get(subnet.VpcId ?? '');
    if (!subnet || !vpc) return [];
    return [
      assessNetworkPath(toSubnetInfo(subnet), routesOf(subnet, vpc.tables), vpc.endpoints, region),
    ];
  });
}

async function routeTables(ec2: EC2Client, vpcId: string): Promise<RouteTable[]> {
  const tables: RouteTable[] = [];
  const pages = paginateDescribeRouteTables(
    { client: ec2 },
    { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] },
  );
  await call('ec2:DescribeRouteTables', async () => {
    for await (const page of pages) tables.push(...(page.RouteTables ?? []));
  });
  return tables;
}

async function endpoints(ec2: EC2Client, vpcId: string): Promise<EndpointInfo[]> {
  const found: EndpointInfo[] = [];
  const pages = paginateDescribeVpcEndpoints(
    { client: ec2 },
    { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] },
  );
  await call('ec2:DescribeVpcEndpoints', async () => {
    for await (const page of pages) {
      for (const e of page.VpcEndpoints ?? []) {
        found.push({
          serviceName: e.ServiceName ?? '',
          type: e.VpcEndpointType ?? '',
          state: e.State ?? '',
          privateDnsEnabled: e.PrivateDnsEnabled ?? false,
        });
      }
    }
  });
  return found;
}

function toSubnetInfo(subnet: Subnet) {
  return {
    subnetId: subnet.SubnetId ?? '',
    vpcId: subnet.VpcId ?? '',
    ...(subnet.AvailabilityZone ? { availabilityZone: subnet.AvailabilityZone } : {}),
    mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch ?? false,
  };
}

/** The subnet's own route table, or the VPC's main table when it has none. */
function routesOf(subnet: Subnet, tables: readonly RouteTable[]): RouteInfo[] {
  const own = tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnet.SubnetId));
  const table = own ?? tables.find((t) => t.Associations?.some((a) => a.Main));
  return (table?.Routes ?? []).map((route) => ({
    destination: route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? '',
    target:
      route.NatGatewayId ??
      route.GatewayId ??
      route.TransitGatewayId ??
      route.NetworkInterfaceId ??
      route.InstanceId ??
      route.VpcPeeringConnectionId ??
      route.CarrierGatewayId ??
      route.LocalGatewayId ??
      route.CoreNetworkArn ??
      'unknown',
    active: route.State !== 'blackhole',
  }));
}

const EGRESS_HTTPS = [
  {
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS to SSM, ECS and S3' }],
    Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'HTTPS to SSM, ECS and S3' }],
  },
];
const EGRESS_ALL = [
  { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
];

/** The name of the probe security group of a deployment (one per VPC). */
export function probeSecurityGroupName(owner: string): string {
  return `batch-ami-auditor-probe-${owner}`.slice(0, 255);
}

/**
 * The probe security group of `vpcId`: found by name and owner tag, or created
 * with no ingress rule and HTTPS-only egress (DNS, NTP and IMDS are link-local
 * and not filtered by security groups).
 *
 * Creating it takes three calls (create, revoke the default egress, allow HTTPS);
 * a launch that failed between them (throttling, a crash) leaves a group with
 * all egress or none. A group found with anything but HTTPS-only egress is
 * therefore brought back to it before use: left as it was, every later probe in
 * the VPC would reuse it and either never reach SSM or have more egress than the
 * probe is allowed.
 */
export async function ensureProbeSecurityGroup(
  ec2: EC2Client,
  vpcId: string,
  owner: string,
): Promise<string> {
  const existing = await findProbeSecurityGroup(ec2, vpcId, owner);
  if (existing && isHttpsOnly(existing.egress)) return existing.groupId;
  const groupId = existing?.groupId ?? (await createProbeSecurityGroup(ec2, vpcId, owner));
  await restrictEgressToHttps(ec2, groupId);
  return groupId;
}

/** Creates the group (empty ingress, the default all-traffic egress), or finds the one a racing probe created. */
async function createProbeSecurityGroup(
  ec2: EC2Client,
  vpcId: string,
  owner: string,
): Promise<string> {
  try {
    const created = await call('ec2:CreateSecurityGroup', () =>
      ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: probeSecurityGroupName(owner),
          Description: 'batch-ami-auditor probe instances: no inbound access, HTTPS out only',
          VpcId: vpcId,
          TagSpecifications: [
            {
              ResourceType: 'security-group',
              Tags: [
                { Key: 'Name', Value: probeSecurityGroupName(owner) },
                { Key: PROBE_TAG.owner, Value: owner },
              ],
            },
          ],
        }),
      ),
    );
    return created.GroupId ?? '';
  } catch (error) {
    // Another probe created it a moment ago.
    if (errorName(error) !== 'InvalidGroup.Duplicate') throw error;
    const raced = await findProbeSecurityGroup(ec2, vpcId, owner);
    if (raced) return raced.groupId;
    throw new Error(
      `A security group named ${probeSecurityGroupName(owner)} exists in ${vpcId} without the ${PROBE_TAG.owner}=${owner} tag; delete or rename it`,
      { cause: error },
    );
  }
}

/** Revokes all-traffic egress and allows HTTPS out; each step is idempotent. */
async function restrictEgressToHttps(ec2: EC2Client, groupId: string): Promise<void> {
  for (const permission of EGRESS_ALL) {
    await ignoring('InvalidPermission.NotFound', () =>
      call('ec2:RevokeSecurityGroupEgress', () =>
        ec2.send(
          new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [permission] }),
        ),
      ),
    );
  }
  await ignoring('InvalidPermission.Duplicate', () =>
    call('ec2:AuthorizeSecurityGroupEgress', () =>
      ec2.send(
        new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: EGRESS_HTTPS }),
      ),
    ),
  );
}

/** True when the egress rules allow TCP 443 to anywhere and nothing else. */
function isHttpsOnly(egress: readonly IpPermission[]): boolean {
  return (
    egress.length > 0 &&
    egress.every((p) => p.IpProtocol === 'tcp' && p.FromPort === 443 && p.ToPort === 443) &&
    egress.some((p) => (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0'))
  );
}

async function findProbeSecurityGroup(
  ec2: EC2Client,
  vpcId: string,
  owner: string,
): Promise<{ readonly groupId: string; readonly egress: IpPermission[] } | undefined> {
  const { SecurityGroups = [] } = await call('ec2:DescribeSecurityGroups', () =>
    ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'group-name', Values: [probeSecurityGroupName(owner)] },
          { Name: `tag:${PROBE_TAG.owner}`, Values: [owner] },
        ],
      }),
    ),
  );
  const group = SecurityGroups[0];
  if (!group?.GroupId) return undefined;
  if ((group.IpPermissions ?? []).length > 0) {
    // Someone added inbound rules: a probe must never be reachable, so refuse rather than launch.
    throw new Error(
      `The probe security group ${group.GroupId} has inbound rules; probes require none. Remove them (or delete the group; the auditor recreates it).`,
    );
  }
  return { groupId: group.GroupId, egress: group.IpPermissionsEgress ?? [] };
}

async function ignoring(name: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (errorName(error) !== name) throw error;
  }
}
