/**
 * Preflight: can a probe in this subnet reach SSM (and ECS)? A probe that can
 * never reach SSM never comes online; rather than pay for one and wait out
 * the deadline, the audit says why up front.
 *
 * SSM needs the ssm, ssmmessages and ec2messages endpoints; the join test needs
 * ecs, ecs-agent and ecs-telemetry. Either interface endpoints with private DNS
 * in the VPC, or a default route to a NAT gateway, or to an internet gateway
 * when the subnet gives instances public IPs. Other default routes (transit
 * gateway, peering, an appliance) cannot be verified from here and are trusted.
 */

export interface SubnetInfo {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone?: string;
  readonly mapPublicIpOnLaunch: boolean;
}

export interface RouteInfo {
  /** `0.0.0.0/0` for a default route. */
  readonly destination: string;
  /** What the route points at: `local`, an `igw-…`, a `nat-…`, or another target id. */
  readonly target: string;
  readonly active: boolean;
}

export interface EndpointInfo {
  /** e.g. `com.amazonaws.us-east-1.ssm`. */
  readonly serviceName: string;
  readonly type: string;
  readonly state: string;
  readonly privateDnsEnabled: boolean;
}

/** How the subnet reaches a service group; null when it cannot. */
export type PathKind = 'vpc-endpoints' | 'nat-gateway' | 'internet-gateway' | 'unverified-route';

export interface NetworkPath {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly ssm: PathKind | null;
  readonly ecs: PathKind | null;
  /** One sentence: how the probe would reach SSM, or why it cannot. */
  readonly explanation: string;
}

export const SSM_ENDPOINT_SERVICES = ['ssm', 'ssmmessages', 'ec2messages'] as const;
export const ECS_ENDPOINT_SERVICES = ['ecs', 'ecs-agent', 'ecs-telemetry'] as const;

export function assessNetworkPath(
  subnet: SubnetInfo,
  routes: readonly RouteInfo[],
  endpoints: readonly EndpointInfo[],
  region: string,
): NetworkPath {
  const route = defaultRoute(routes, subnet);
  const ssm = hasEndpoints(endpoints, region, SSM_ENDPOINT_SERVICES) ? 'vpc-endpoints' : route.kind;
  const ecs = hasEndpoints(endpoints, region, ECS_ENDPOINT_SERVICES) ? 'vpc-endpoints' : route.kind;
  const missing = SSM_ENDPOINT_SERVICES.filter(
    (service) => !hasEndpoints(endpoints, region, [service]),
  );
  const explanation =
    ssm === 'vpc-endpoints'
      ? `subnet ${subnet.subnetId} reaches SSM through interface endpoints in ${subnet.vpcId}`
      : ssm
        ? `subnet ${subnet.subnetId} reaches SSM through its default route (${route.detail})`
        : `subnet ${subnet.subnetId} has no path to SSM: ${route.detail}, and ${subnet.vpcId} lacks interface endpoints with private DNS for ${missing.join(', ')}`;
  return { subnetId: subnet.subnetId, vpcId: subnet.vpcId, ssm, ecs, explanation };
}

function defaultRoute(
  routes: readonly RouteInfo[],
  subnet: SubnetInfo,
): { kind: PathKind | null; detail: string } {
  const route = routes.find((r) => r.destination === '0.0.0.0/0');
  if (!route) return { kind: null, detail: 'its route table has no default route' };
  if (!route.active)
    return { kind: null, detail: `its default route to ${route.target} is a blackhole` };
  if (route.target.startsWith('nat-')) {
    return { kind: 'nat-gateway', detail: `NAT gateway ${route.target}` };
  }
  if (route.target.startsWith('igw-')) {
    return subnet.mapPublicIpOnLaunch
      ? {
          kind: 'internet-gateway',
          detail: `internet gateway ${route.target}, public IPs on launch`,
        }
      : {
          kind: null,
          detail: `its default route goes to internet gateway ${route.target} but the subnet gives instances no public IP`,
        };
  }
  return {
    kind: 'unverified-route',
    detail: `${route.target}, which cannot be verified from here`,
  };
}

function hasEndpoints(
  endpoints: readonly EndpointInfo[],
  region: string,
  services: readonly string[],
): boolean {
  return services.every((service) =>
    endpoints.some(
      (e) =>
        // Commercial (`com.amazonaws.<region>.ssm`) and China (`cn.com.amazonaws.<region>.ssm`) names.
        e.serviceName.endsWith(`amazonaws.${region}.${service}`) &&
        e.type.toLowerCase() === 'interface' &&
        e.state.toLowerCase() === 'available' &&
        e.privateDnsEnabled,
    ),
  );
}
