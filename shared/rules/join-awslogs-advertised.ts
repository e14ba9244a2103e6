import { evidenceOf } from '../core/evidence';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { awslogsLoggingDriver } from './awslogs-logging-driver';
import { noJoinFacts } from './support/host-guard';

/** The attribute the ECS agent advertises when `awslogs` is among its available logging drivers. */
export const AWSLOGS_ATTRIBUTE = 'com.amazonaws.ecs.capability.logging-driver.awslogs';
const LOGGING_DRIVER_PREFIX = 'com.amazonaws.ecs.capability.logging-driver.';

/**
 * The join test's view of the logging drivers: the registered container
 * instance must advertise `awslogs`, which is what Batch jobs' log
 * configuration requires (the agent advertises one attribute per driver in
 * ECS_AVAILABLE_LOGGING_DRIVERS).
 */
export const joinAwslogsAdvertised: Rule = {
  id: 'join-awslogs-advertised',
  title: 'The registered agent advertises the awslogs logging driver',
  scope: 'join',
  level: 'required',
  severity: 'critical',
  // The same requirement as the host rule, observed from the control plane instead.
  spec: awslogsLoggingDriver.spec,
  impact:
    'Batch jobs send their logs with awslogs: on instances that do not advertise it, jobs cannot be placed and stay RUNNABLE.',
  remediation:
    'Start the agent through ecs-init (its default ECS_AVAILABLE_LOGGING_DRIVERS includes awslogs), or add awslogs to any ECS_AVAILABLE_LOGGING_DRIVERS line in /etc/ecs/ecs.config or /var/lib/ecs/ecs.config, e.g. ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","awslogs"].',
  outcomes: {
    pass: 'The registered container instance advertises `com.amazonaws.ecs.capability.logging-driver.awslogs`.',
    fail: 'The registered container instance advertises other logging drivers, or none, but not awslogs.',
    inconclusive: 'No join test ran, or the container instance attributes could not be read.',
  },
  check(subject) {
    const { join } = subject;
    if (!join) return noJoinFacts(subject);
    const attributes = join.attributes;
    const evidence = evidenceOf(
      attributes,
      (names) => describeDrivers(names) || 'no logging drivers',
    );
    if (!attributes.known) {
      return inconclusive(
        `The agent's logging drivers are unknown: ${attributes.reason}`,
        evidence,
      );
    }
    if (attributes.value.includes(AWSLOGS_ATTRIBUTE)) {
      return pass('The registered agent advertises the awslogs logging driver.', evidence);
    }
    const drivers = describeDrivers(attributes.value);
    return fail(
      `The registered agent does not advertise awslogs${drivers ? `; it advertises only ${drivers}` : ' (it advertises no logging driver at all)'}.`,
      evidence,
    );
  },
};

function describeDrivers(attributes: readonly string[]): string {
  return attributes
    .filter((name) => name.startsWith(LOGGING_DRIVER_PREFIX))
    .map((name) => name.slice(LOGGING_DRIVER_PREFIX.length))
    .join(', ');
}
