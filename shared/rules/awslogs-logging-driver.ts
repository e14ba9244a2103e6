import {
  AGENT_DEFAULT_SOURCE,
  type EffectiveLoggingDrivers,
  effectiveLoggingDrivers,
  LOGGING_DRIVERS_KEY,
} from '../core/derive/logging-drivers';
import { evidenceOf } from '../core/evidence';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { isAtLeast } from '../core/versions';
import { noHostFacts } from './support/host-guard';
import { describeLauncher, describeSource } from './support/sources';

/** The agent advertises awslogs only on Docker API 1.21 or newer (agent/dockerclient/logging_drivers.go). */
const AWSLOGS_MIN_DOCKER_API = '1.21.0';

export const awslogsLoggingDriver: Rule = {
  id: 'awslogs-logging-driver',
  title: 'The ECS agent offers the awslogs logging driver',
  scope: 'host',
  level: 'required',
  severity: 'critical',
  spec: {
    quote:
      'The awslogs log driver must be specified as an available log driver with the ECS_AVAILABLE_LOGGING_DRIVERS environment variable when the Amazon ECS container agent is started.',
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
  },
  impact:
    'Batch job definitions log with awslogs by default. An instance whose agent does not advertise awslogs cannot place those jobs: they stay RUNNABLE and no job logs reach CloudWatch.',
  remediation:
    'With ecs-init, remove the ECS_AVAILABLE_LOGGING_DRIVERS line from /etc/ecs/ecs.config (ecs-init passes a default that includes awslogs) or make it a JSON array that includes it, e.g. ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","awslogs"] (no quotes around the value). Without ecs-init, pass that variable to the agent container (-e or --env-file), because the agent alone defaults to ["json-file","none"].',
  outcomes: {
    pass: 'The effective ECS_AVAILABLE_LOGGING_DRIVERS the agent starts with, computed from its launcher, its config files and the agent default, includes awslogs.',
    fail: 'The effective list lacks awslogs (a config file overrides it, a value is not a JSON array and is ignored, or the agent runs without ecs-init and keeps its own default), no agent is launched at all, or the Docker API is older than 1.21.',
    inconclusive:
      'How the agent is launched, or a file that could set the variable, could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const found = effectiveLoggingDrivers(host);
    const api = host.docker.apiVersion;
    const evidence = [
      ...found.evidence,
      ...evidenceOf(api, (v) => `Docker API ${v ?? 'unknown'} (awslogs needs 1.21 or newer)`),
    ];
    if (!found.known) {
      return inconclusive(`Cannot tell whether the agent gets awslogs: ${found.reason}`, evidence);
    }
    if (!found.value) {
      return fail(
        'No ECS agent is launched on this host, so no agent offers the awslogs driver.',
        evidence,
      );
    }
    const drivers = found.value;
    if (!drivers.drivers.includes('awslogs')) return fail(withoutAwslogs(drivers), evidence);
    const apiRecent = api.known && api.value ? isAtLeast(api.value, AWSLOGS_MIN_DOCKER_API) : null;
    if (apiRecent === false) {
      return fail(
        `awslogs is listed (${describeSource(drivers.origin)}), but Docker API ${api.known ? api.value : ''} is older than 1.21, so the agent will not offer it.`,
        evidence,
      );
    }
    const notes = drivers.ignored.map(
      (i) =>
        ` ${describeSource(i.source)} also sets ${LOGGING_DRIVERS_KEY}=${i.raw}, which the agent ignores (${i.problem}).`,
    );
    return pass(
      `The agent, launched by ${describeLauncher(drivers.launcher)}, gets ${LOGGING_DRIVERS_KEY}=${JSON.stringify(drivers.drivers)} from ${describeSource(drivers.origin)}, which includes awslogs.${notes.join('')}`,
      evidence,
    );
  },
};

/** Says why awslogs is missing, naming the file (or default) responsible. */
function withoutAwslogs(drivers: EffectiveLoggingDrivers): string {
  const list = JSON.stringify(drivers.drivers);
  const origin = describeSource(drivers.origin);
  const ignored = drivers.ignored[0];
  if (ignored) {
    return `${describeSource(ignored.source)} sets ${LOGGING_DRIVERS_KEY}=${ignored.raw}, which the agent ignores with a warning (${ignored.problem}); it falls back to ${origin}, ${list}, without awslogs.`;
  }
  if (drivers.origin === AGENT_DEFAULT_SOURCE) {
    return `The agent is launched by ${describeLauncher(drivers.launcher)}, not ecs-init, and nothing sets ${LOGGING_DRIVERS_KEY}, so it keeps its own default ${list}, without awslogs.`;
  }
  const overrides =
    drivers.launcher === 'ecs-init' ? " (it replaces ecs-init's default, which has awslogs)" : '';
  return `${origin} sets ${LOGGING_DRIVERS_KEY}=${list} without awslogs${overrides}.`;
}
