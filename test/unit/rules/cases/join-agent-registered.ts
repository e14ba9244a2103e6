import { joinFactsOfAbsence } from '../../../../shared/probe/join-facts';
import { AWSLOGS, registered } from './join-facts';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'the agent registered the probe',
      subject: { join: registered([AWSLOGS]) },
      message: 'The ECS agent 1.106.1 registered the probe in the probe cluster.',
    },
  ],
  fail: [
    {
      name: 'the instance was up but the agent never registered',
      subject: {
        join: joinFactsOfAbsence(
          'The ECS agent did not register i-0abc within 600 s of launch.',
          true,
        ),
      },
      message: /did not register the probe in its cluster: .*i-0abc within 600 s/,
    },
  ],
  inconclusive: [
    {
      name: 'the probe never came online',
      subject: { hostUnavailableReason: 'ssm_never_online: the probe never came online' },
      message: 'No join test: ssm_never_online: the probe never came online',
    },
    {
      name: 'a missing registration with another explanation',
      subject: { join: joinFactsOfAbsence('the probe never came online in SSM', false) },
      message: /Whether the agent registers is unknown: the probe never came online in SSM/,
    },
  ],
};
