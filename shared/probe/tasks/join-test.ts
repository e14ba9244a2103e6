/**
 * Task "JoinTest": what Batch really needs. Did the AMI's ECS agent register
 * the probe in the probe cluster, what does it advertise (awslogs?), which
 * agent and Docker versions does it report, which GPUs? The container
 * instance is deregistered as soon as it has been read.
 *
 * A missing registration is only a finding about the AMI when the instance
 * was demonstrably up and networked (online in SSM, a path to ECS) and the
 * deadline passed; otherwise it is unknown, never a misleading FAIL.
 */
import { addSeconds, isPast, JOIN_POLL_SECONDS, nextPoll } from '../backoff';
import { joinFactsOfAbsence, joinFactsOfRegistration } from '../join-facts';
import type { ProbeDeps } from '../ports';
import type { JoinCheck, ProbeState } from '../state';
import { instanceOf } from '../state';

export async function joinTest(
  state: ProbeState,
  deps: Pick<ProbeDeps, 'config' | 'ecs' | 'now' | 'log'>,
): Promise<ProbeState> {
  const instance = instanceOf(state);
  if (!instance || state.launch?.status !== 'launched') {
    throw new Error('JoinTest needs a launched probe (state.launch)');
  }
  const { cluster, joinDeadlineSeconds } = deps.config;
  const now = deps.now();
  const attempt = (state.join?.attempt ?? 0) + 1;
  const deadline =
    state.join?.deadline ??
    addSeconds(new Date(instance.launchedAt), joinDeadlineSeconds).toISOString();
  const done = (update: Partial<JoinCheck>): ProbeState => ({
    ...state,
    join: { attempt, deadline, waitSeconds: 0, status: 'done', ...update },
  });

  const registration = await deps.ecs.findContainerInstance(cluster, instance.instanceId);
  if (registration) {
    const facts = joinFactsOfRegistration(registration);
    let deregistered = true;
    try {
      await deps.ecs.deregister(cluster, registration.containerInstanceArn);
    } catch (error) {
      // The janitor removes stale container instances; the facts are what matter here.
      deregistered = false;
      deps.log.warn('Deregistering the probe container instance failed', {
        containerInstanceArn: registration.containerInstanceArn,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    deps.log.info('Probe joined the probe cluster', {
      instanceId: instance.instanceId,
      agentVersion: registration.agentVersion,
    });
    return done({ facts, containerInstanceArn: registration.containerInstanceArn, deregistered });
  }

  const ecsPath = state.launch.network.ecs;
  if (!ecsPath) {
    return done({
      facts: joinFactsOfAbsence(
        `subnet ${instance.subnetId} has no path to ECS (no ecs, ecs-agent and ecs-telemetry interface endpoints, no NAT or internet route), so the agent could not have registered`,
        false,
      ),
    });
  }
  const wasOnline = state.online?.status === 'online';
  if (wasOnline && !isPast(now, deadline)) {
    return {
      ...state,
      join: {
        attempt,
        deadline,
        status: 'waiting',
        ...nextPoll(JOIN_POLL_SECONDS, attempt - 1, now, new Date(deadline)),
      },
    };
  }
  return done({
    facts: wasOnline
      ? joinFactsOfAbsence(
          `The ECS agent did not register ${instance.instanceId} in cluster ${cluster} within ${joinDeadlineSeconds} s of launch, although the instance was up and could reach AWS.`,
          true,
        )
      : joinFactsOfAbsence(
          'the probe never came online in SSM, so a missing registration cannot be told apart from a host that did not boot or could not reach ECS',
          false,
        ),
  });
}
