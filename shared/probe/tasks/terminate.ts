/**
 * Task "Terminate": runs on every path, success or failure (every other
 * task's Catch leads here). It terminates the instance the state knows and
 * any other instance tagged with this execution (a launch that crashed before
 * recording its instance id), and deregisters a container instance the join
 * test did not get to. Terminating an instance that is already gone succeeds.
 */
import type { ProbeDeps } from '../ports';
import type { ProbeState } from '../state';
import { instanceOf } from '../state';

/** Every state from which an instance may still cost money. */
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

export async function terminateProbe(
  state: ProbeState,
  deps: Pick<ProbeDeps, 'config' | 'ec2' | 'ecs' | 'now' | 'log'>,
): Promise<ProbeState> {
  const known = instanceOf(state)?.instanceId;
  const tagged = await taggedInstances(state, known, deps);
  const instanceIds = [...new Set([...(known ? [known] : []), ...tagged.map((i) => i.instanceId)])];

  for (const instanceId of state.join?.deregistered ? [] : instanceIds) {
    await deregisterQuietly(instanceId, deps);
  }
  if (instanceIds.length > 0) await deps.ec2.terminate(instanceIds);
  const requestedAt = deps.now().toISOString();
  if (instanceIds.length > 0) deps.log.info('Probe terminated', { instanceIds });
  return { ...state, termination: { instanceIds, requestedAt } };
}

/**
 * This execution's instances, found by its tag. When that lookup fails (throttling, an outage),
 * the instance the state knows is terminated anyway before the task fails: the retry looks
 * again, and until then the probe this execution launched costs nothing.
 */
async function taggedInstances(
  state: ProbeState,
  known: string | undefined,
  deps: Pick<ProbeDeps, 'config' | 'ec2'>,
) {
  try {
    return await deps.ec2.findInstances({
      owner: deps.config.owner,
      execution: state.executionName,
      states: LIVE_STATES,
    });
  } catch (error) {
    if (known) await deps.ec2.terminate([known]);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(
      `Looking up this execution's instances by tag failed (${reason}); ${known ? `its probe ${known} was terminated` : 'no probe instance was known to terminate'}.`,
      { cause: error },
    );
  }
}

/** The janitor cleans the probe cluster too, so a failure here must not block termination. */
async function deregisterQuietly(
  instanceId: string,
  deps: Pick<ProbeDeps, 'config' | 'ecs' | 'log'>,
): Promise<void> {
  try {
    const registration = await deps.ecs.findContainerInstance(deps.config.cluster, instanceId);
    if (registration)
      await deps.ecs.deregister(deps.config.cluster, registration.containerInstanceArn);
  } catch (error) {
    deps.log.warn('Could not deregister the probe from the probe cluster; the janitor will', {
      instanceId,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}
