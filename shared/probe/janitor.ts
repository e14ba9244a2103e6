/**
 * The janitor (scheduled): the last line of cleanup behind the state
 * machine's Terminate and the probe's own dead-man switch. It terminates
 * every instance carrying this deployment's owner tag whose expiry passed,
 * and deregisters container instances in the probe cluster that no live
 * probe accounts for.
 */
import type { InstanceStatus, ProbeDeps } from './ports';
import { PROBE_TAG } from './tags';

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

export interface JanitorReport {
  readonly terminated: readonly string[];
  readonly deregistered: readonly string[];
}

export async function runJanitor(
  deps: Pick<ProbeDeps, 'config' | 'ec2' | 'ecs' | 'now' | 'log'>,
): Promise<JanitorReport> {
  const { config } = deps;
  const now = deps.now();
  const live = await deps.ec2.findInstances({ owner: config.owner, states: LIVE_STATES });
  const expired = live.filter(
    (instance) => expiryOf(instance, config.maxLifetimeMinutes) <= now.getTime(),
  );
  const terminated = expired.map((instance) => instance.instanceId);
  if (terminated.length > 0) {
    deps.log.warn('Terminating expired probe instances', { instanceIds: terminated });
    await deps.ec2.terminate(terminated);
  }

  const stillLive = new Set(live.map((i) => i.instanceId).filter((id) => !terminated.includes(id)));
  const registrations = await deps.ecs.listContainerInstances(config.cluster);
  const deregistered: string[] = [];
  for (const registration of registrations) {
    if (stillLive.has(registration.ec2InstanceId)) continue;
    try {
      await deps.ecs.deregister(config.cluster, registration.containerInstanceArn);
      deregistered.push(registration.containerInstanceArn);
    } catch (error) {
      // One stubborn registration must not stop the rest; the next run tries again.
      deps.log.warn('Could not deregister a stale container instance', {
        containerInstanceArn: registration.containerInstanceArn,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { terminated, deregistered };
}

/**
 * When an instance expires: its expiry tag, or (tag missing or unreadable)
 * its launch time plus the maximum lifetime; an instance with neither is
 * treated as expired, since nothing shows it is a live probe.
 */
export function expiryOf(instance: InstanceStatus, maxLifetimeMinutes: number): number {
  const tagged = Date.parse(instance.tags[PROBE_TAG.expiresAt] ?? '');
  if (!Number.isNaN(tagged)) return tagged;
  const launched = Date.parse(instance.launchTime ?? '');
  return Number.isNaN(launched) ? 0 : launched + maxLifetimeMinutes * 60_000;
}
