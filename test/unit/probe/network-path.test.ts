import { describe, expect, it } from 'vitest';
import {
  assessNetworkPath,
  type EndpointInfo,
  type RouteInfo,
  type SubnetInfo,
} from '../../../shared/probe/network-path';

const subnet: SubnetInfo = { subnetId: 'subnet-0aaa', vpcId: 'vpc-1', mapPublicIpOnLaunch: false };
const local: RouteInfo = { destination: '10.0.0.0/16', target: 'local', active: true };
const endpoint = (service: string, overrides: Partial<EndpointInfo> = {}): EndpointInfo => ({
  serviceName: `com.amazonaws.us-east-1.${service}`,
  type: 'Interface',
  state: 'available',
  privateDnsEnabled: true,
  ...overrides,
});
const ssmEndpoints = ['ssm', 'ssmmessages', 'ec2messages'].map((s) => endpoint(s));
const ecsEndpoints = ['ecs', 'ecs-agent', 'ecs-telemetry'].map((s) => endpoint(s));

describe('assessNetworkPath', () => {
  it('accepts a private subnet with the three SSM interface endpoints', () => {
    const path = assessNetworkPath(
      subnet,
      [local],
      [...ssmEndpoints, ...ecsEndpoints],
      'us-east-1',
    );
    expect([path.ssm, path.ecs]).toEqual(['vpc-endpoints', 'vpc-endpoints']);
  });

  it('names the missing endpoint when one of the three is absent and there is no default route', () => {
    const path = assessNetworkPath(subnet, [local], ssmEndpoints.slice(0, 2), 'us-east-1');
    expect(path.ssm).toBeNull();
    expect(path.explanation).toMatch(/no default route/);
    expect(path.explanation).toMatch(/ec2messages/);
  });

  it('ignores endpoints without private DNS or not yet available', () => {
    const broken = [
      endpoint('ssm', { privateDnsEnabled: false }),
      endpoint('ssmmessages', { state: 'pending' }),
      endpoint('ec2messages'),
    ];
    expect(assessNetworkPath(subnet, [local], broken, 'us-east-1').ssm).toBeNull();
  });

  it('accepts a default route to a NAT gateway, for SSM and ECS alike', () => {
    const path = assessNetworkPath(
      subnet,
      [local, { destination: '0.0.0.0/0', target: 'nat-0abc', active: true }],
      [],
      'us-east-1',
    );
    expect([path.ssm, path.ecs]).toEqual(['nat-gateway', 'nat-gateway']);
  });

  it('accepts an internet gateway only when the subnet gives instances public IPs', () => {
    const igw: RouteInfo = { destination: '0.0.0.0/0', target: 'igw-0abc', active: true };
    expect(
      assessNetworkPath({ ...subnet, mapPublicIpOnLaunch: true }, [igw], [], 'us-east-1').ssm,
    ).toBe('internet-gateway');
    const privateIgw = assessNetworkPath(subnet, [igw], [], 'us-east-1');
    expect(privateIgw.ssm).toBeNull();
    expect(privateIgw.explanation).toMatch(/no public IP/);
  });

  it('rejects a blackholed default route', () => {
    const path = assessNetworkPath(
      subnet,
      [{ destination: '0.0.0.0/0', target: 'nat-0dead', active: false }],
      [],
      'us-east-1',
    );
    expect(path.ssm).toBeNull();
    expect(path.explanation).toMatch(/blackhole/);
  });

  it('trusts routes it cannot verify (transit gateway) rather than refusing to probe', () => {
    const path = assessNetworkPath(
      subnet,
      [{ destination: '0.0.0.0/0', target: 'tgw-0abc', active: true }],
      [],
      'us-east-1',
    );
    expect(path.ssm).toBe('unverified-route');
  });

  it('reports SSM reachable but ECS not when only the SSM endpoints exist', () => {
    const path = assessNetworkPath(subnet, [local], ssmEndpoints, 'us-east-1');
    expect([path.ssm, path.ecs]).toEqual(['vpc-endpoints', null]);
  });
});
