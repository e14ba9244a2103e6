import { AWSLOGS, JSON_FILE, registered } from './join-facts';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'awslogs among the advertised drivers',
      subject: { join: registered([JSON_FILE, AWSLOGS]) },
      message: 'The registered agent advertises the awslogs logging driver.',
    },
  ],
  fail: [
    {
      name: 'only json-file advertised (ECS_AVAILABLE_LOGGING_DRIVERS overridden)',
      subject: { join: registered([JSON_FILE, 'ecs.os-type']) },
      message: /does not advertise awslogs; it advertises only json-file/,
    },
    {
      name: 'no logging driver advertised at all',
      subject: { join: registered(['ecs.os-type']) },
      message: /does not advertise awslogs \(it advertises no logging driver at all\)/,
    },
  ],
  inconclusive: [
    {
      name: 'no join test',
      subject: {},
      message: 'No join test: the AMI was not booted in the probe cluster.',
    },
  ],
};
