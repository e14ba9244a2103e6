/**
 * Task "CheckOnline": is the probe online in SSM yet? Called in a loop with
 * a Wait state between checks (backoff from the state), until online, the
 * instance is gone, or the online deadline passes. When it never comes
 * online, the console output is fetched as evidence (kernel panic,
 * cloud-init errors, an SSM agent that never started).
 */
import { isPast, nextPoll, ONLINE_POLL_SECONDS } from '../backoff';
import { describeConsoleOutput } from '../console-evidence';
import type { ProbeDeps } from '../ports';
import type { OnlineCheck, ProbeState } from '../state';
import { instanceOf } from '../state';

const GONE_STATES = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);

type OnlineDeps = Pick<ProbeDeps, 'config' | 'ec2' | 'ssm' | 'now' | 'log'>;

export async function checkOnline(state: ProbeState, deps: OnlineDeps): Promise<ProbeState> {
  const instance = instanceOf(state);
  const online = state.online;
  if (!instance || !online)
    throw new Error('CheckOnline needs a launched probe (state.launch and state.online)');
  const now = deps.now();
  const attempt = online.attempt + 1;
  const next = (update: Partial<OnlineCheck>): ProbeState => ({
    ...state,
    online: { ...online, attempt, ...update },
  });

  const status = await deps.ec2.describeInstance(instance.instanceId);
  if (!status || GONE_STATES.has(status.state)) {
    const evidence = await consoleEvidence(instance.instanceId, deps);
    const how = status
      ? `${status.state}${status.stateReason ? `: ${status.stateReason}` : ''}`
      : 'DescribeInstances no longer returns it';
    return next({
      status: 'instance-gone',
      failure: {
        code: 'instance_gone',
        message: `The probe instance ${instance.instanceId} stopped running before SSM reported it online (${how}). ${evidence}`,
      },
    });
  }

  if (await deps.ssm.isOnline(instance.instanceId)) {
    deps.log.info('Probe online in SSM', { instanceId: instance.instanceId, checks: attempt });
    return next({ status: 'online', onlineAt: now.toISOString() });
  }

  if (isPast(now, online.deadline)) {
    const evidence = await consoleEvidence(instance.instanceId, deps);
    const network = state.launch?.status === 'launched' ? state.launch.network.explanation : '';
    return next({
      status: 'never-online',
      failure: {
        code: 'ssm_never_online',
        message: `The probe instance ${instance.instanceId} (${instance.instanceType}) never came online in SSM within ${deps.config.onlineDeadlineSeconds} s of launch: the AMI's SSM agent is missing, disabled or failing, or the host did not boot (${network}). ${evidence}`,
      },
    });
  }
  return next({
    status: 'waiting',
    ...nextPoll(ONLINE_POLL_SECONDS, attempt, now, new Date(online.deadline)),
  });
}

/** Console output as evidence; fetching it must never be what fails the verdict. */
async function consoleEvidence(instanceId: string, deps: OnlineDeps): Promise<string> {
  try {
    return describeConsoleOutput(await deps.ec2.consoleOutput(instanceId));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.log.warn('Console output unavailable', { instanceId, reason });
    return `Console output unavailable: ${reason}`;
  }
}
