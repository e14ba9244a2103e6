/**
 * Task "Launch": preflight the network, then launch one probe instance,
 * falling back to the next subnet or instance type on capacity errors.
 *
 * Idempotent: a retry of this task (after a Lambda timeout, say) first looks
 * for an instance this execution already launched, by its execution tag,
 * and adopts it instead of launching a second one.
 */
import { errorName } from '../../aws/errors';
import { addSeconds, nextPoll, ONLINE_POLL_SECONDS } from '../backoff';
import { type InstanceTypePlan, planInstanceTypes } from '../instance-types';
import { classifyLaunchError } from '../launch-errors';
import { buildRunInstancesInput } from '../launch-params';
import type { NetworkPath } from '../network-path';
import type { ImageDescription, InstanceStatus, ProbeDeps } from '../ports';
import type {
  LaunchAttempt,
  LaunchOutcome,
  ProbeFailure,
  ProbeInstance,
  ProbeState,
} from '../state';
import { PROBE_TAG, probeTags } from '../tags';

/** Enough to cover a few types across a few Availability Zones without looping for minutes. */
export const MAX_LAUNCH_ATTEMPTS = 8;

type LaunchDeps = Pick<ProbeDeps, 'config' | 'ec2' | 'now' | 'log'>;

export async function launchProbe(state: ProbeState, deps: LaunchDeps): Promise<ProbeState> {
  const { request } = state;
  const { config } = deps;

  const adopted = await findOwnInstance(state, deps);
  if (adopted) return adopted;

  const image = await deps.ec2.describeImage(request.amiId);
  if (!image.found || image.state !== 'available') {
    const imageState = image.found ? (image.state ?? 'unknown') : 'deregistered';
    return notLaunched(
      state,
      'image-gone',
      {
        code: 'image_gone',
        message: image.found
          ? `The AMI ${request.amiId} was in state "${imageState}" when the probe was about to launch it, so it cannot be launched.`
          : `The AMI ${request.amiId} was deregistered (or unshared) during the audit: DescribeImages no longer returns it.`,
      },
      [],
      imageState,
    );
  }

  const plan = planInstanceTypes(
    image.architecture ?? request.image.architecture,
    request.context ? [...request.targets, { context: request.context }] : request.targets,
    config,
  );
  if (plan.unsupported) {
    return notLaunched(state, 'not-launched', {
      code: 'unsupported_architecture',
      message: `Not probed: ${plan.unsupported}.`,
    });
  }

  const subnetIds = config.subnetId
    ? [config.subnetId]
    : [...new Set(request.targets.flatMap((t) => t.subnets))];
  if (subnetIds.length === 0) {
    return notLaunched(state, 'not-launched', {
      code: 'no_subnet',
      message:
        'Not probed: no subnet to launch in (the compute environments list none and PROBE_SUBNET_ID is not set).',
    });
  }
  const paths = await deps.ec2.networkPaths(subnetIds, request.region);
  const usable = paths.filter((path): path is UsablePath => path.ssm !== null);
  if (usable.length === 0) {
    const unknown = subnetIds.filter((id) => !paths.some((p) => p.subnetId === id));
    const why = [
      ...paths.map((p) => p.explanation),
      ...(unknown.length > 0 ? [`${unknown.join(', ')} could not be described`] : []),
    ];
    return notLaunched(state, 'not-launched', {
      code: 'no_ssm_path',
      message: `Not probed: a probe would never come online in SSM. ${why.join('; ')}. Add interface endpoints for ssm, ssmmessages and ec2messages (and ecs, ecs-agent, ecs-telemetry) or a NAT gateway route, or set PROBE_SUBNET_ID to a subnet that has one.`,
    });
  }

  return launchFirstAvailable(state, deps, image, plan, usable);
}

type UsablePath = NetworkPath & { ssm: NonNullable<NetworkPath['ssm']> };

/**
 * Tries each instance type (cheapest first) in each usable subnet, moving on
 * after capacity and availability errors, at most MAX_LAUNCH_ATTEMPTS times.
 */
async function launchFirstAvailable(
  state: ProbeState,
  deps: LaunchDeps,
  image: ImageDescription,
  plan: InstanceTypePlan,
  usable: readonly UsablePath[],
): Promise<ProbeState> {
  const attempts: LaunchAttempt[] = [];
  const securityGroups = new Map<string, string>();
  for (const instanceType of plan.instanceTypes) {
    for (const path of usable) {
      if (attempts.length >= MAX_LAUNCH_ATTEMPTS) break;
      let securityGroupId = securityGroups.get(path.vpcId);
      if (!securityGroupId) {
        securityGroupId = await deps.ec2.ensureSecurityGroup(path.vpcId, deps.config.owner);
        securityGroups.set(path.vpcId, securityGroupId);
      }
      const launchedAt = deps.now();
      const expiresAt = addSeconds(launchedAt, deps.config.maxLifetimeMinutes * 60);
      try {
        const { instanceId } = await deps.ec2.runInstance(
          launchInput(state, deps, image, instanceType, path.subnetId, securityGroupId, expiresAt),
        );
        deps.log.info('Probe launched', {
          instanceId,
          instanceType,
          subnetId: path.subnetId,
          fallbacks: attempts.length,
        });
        const instance: ProbeInstance = {
          instanceId,
          instanceType,
          subnetId: path.subnetId,
          launchedAt: launchedAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
          gpu: plan.gpuTypes.includes(instanceType),
        };
        return launched(state, deps, instance, attempts, path, plan.gpuLimitation);
      } catch (error) {
        const name = errorName(error) || 'Error';
        const action = classifyLaunchError(name);
        if (action === 'stop') throw error;
        if (action === 'image-gone') {
          const message = `The AMI ${state.request.amiId} could not be launched: RunInstances answered ${name} (deregistered or disabled during the audit).`;
          return notLaunched(
            state,
            'image-gone',
            { code: 'image_gone', message },
            attempts,
            'deregistered',
          );
        }
        const message = error instanceof Error ? error.message : String(error);
        attempts.push({ instanceType, subnetId: path.subnetId, error: `${name}: ${message}` });
        deps.log.warn('Launch failed; trying the next subnet or instance type', {
          instanceType,
          subnetId: path.subnetId,
          error: name,
        });
      }
    }
  }
  const tried = attempts.map((a) => `${a.instanceType} in ${a.subnetId}: ${a.error}`).join('; ');
  return notLaunched(
    state,
    'not-launched',
    {
      code: 'no_capacity',
      message: `Not probed: no probe instance could be launched after ${attempts.length} attempts (${tried}). Add instance types to PROBE_INSTANCE_TYPES_* or subnets in other Availability Zones.`,
    },
    attempts,
  );
}

/** The RunInstances request for one attempt. */
function launchInput(
  state: ProbeState,
  deps: LaunchDeps,
  image: ImageDescription,
  instanceType: string,
  subnetId: string,
  securityGroupId: string,
  expiresAt: Date,
) {
  const { config } = deps;
  const { request, executionName } = state;
  return buildRunInstancesInput({
    amiId: request.amiId,
    instanceType,
    subnetId,
    securityGroupId,
    instanceProfileArn: config.instanceProfileArn,
    rootDeviceName: image.rootDeviceName ?? '/dev/xvda',
    ...(image.rootVolumeSizeGiB ? { rootVolumeSizeGiB: image.rootVolumeSizeGiB } : {}),
    cluster: config.cluster,
    maxLifetimeMinutes: config.maxLifetimeMinutes,
    auditId: request.auditId,
    execution: executionName,
    tags: probeTags({
      owner: config.owner,
      auditId: request.auditId,
      amiId: request.amiId,
      execution: executionName,
      expiresAt,
    }),
  });
}

/** An instance this execution launched before a retry, if any. */
async function findOwnInstance(
  state: ProbeState,
  deps: LaunchDeps,
): Promise<ProbeState | undefined> {
  const [existing] = await deps.ec2.findInstances({
    owner: deps.config.owner,
    execution: state.executionName,
    states: ['pending', 'running'],
  });
  if (!existing) return undefined;
  deps.log.warn(
    'This execution already launched a probe; adopting it instead of launching another',
    {
      instanceId: existing.instanceId,
    },
  );
  const paths = existing.subnetId
    ? await deps.ec2.networkPaths([existing.subnetId], state.request.region)
    : [];
  const path = paths[0];
  return launched(state, deps, adoptedInstance(existing, deps), [], {
    ssm: path?.ssm ?? 'unverified-route',
    ecs: path?.ecs ?? null,
    explanation: path?.explanation ?? `subnet ${existing.subnetId ?? 'unknown'}`,
  });
}

function adoptedInstance(existing: InstanceStatus, deps: LaunchDeps): ProbeInstance {
  const launchedAt = existing.launchTime ? new Date(existing.launchTime) : deps.now();
  const expiresAt =
    existing.tags[PROBE_TAG.expiresAt] ??
    addSeconds(launchedAt, deps.config.maxLifetimeMinutes * 60).toISOString();
  const instanceType = existing.instanceType ?? 'unknown';
  return {
    instanceId: existing.instanceId,
    instanceType,
    subnetId: existing.subnetId ?? 'unknown',
    launchedAt: launchedAt.toISOString(),
    expiresAt,
    gpu: deps.config.instanceTypes.gpu.includes(instanceType),
  };
}

function launched(
  state: ProbeState,
  deps: LaunchDeps,
  instance: ProbeInstance,
  attempts: readonly LaunchAttempt[],
  path: Pick<NetworkPath, 'ecs' | 'explanation'> & { ssm: NonNullable<NetworkPath['ssm']> },
  gpuLimitation?: string,
): ProbeState {
  const launchedAt = new Date(instance.launchedAt);
  const deadline = addSeconds(launchedAt, deps.config.onlineDeadlineSeconds);
  const launch: LaunchOutcome = {
    status: 'launched',
    instance,
    attempts,
    network: { ssm: path.ssm, ecs: path.ecs, explanation: path.explanation },
    ...(gpuLimitation ? { gpuLimitation } : {}),
  };
  return {
    ...state,
    launch,
    online: {
      status: 'waiting',
      attempt: 0,
      deadline: deadline.toISOString(),
      ...nextPoll(ONLINE_POLL_SECONDS, 0, deps.now(), deadline),
    },
  };
}

function notLaunched(
  state: ProbeState,
  status: 'not-launched' | 'image-gone',
  failure: ProbeFailure,
  attempts: readonly LaunchAttempt[] = [],
  imageState?: string,
): ProbeState {
  return { ...state, launch: { status, failure, attempts, ...(imageState ? { imageState } : {}) } };
}
