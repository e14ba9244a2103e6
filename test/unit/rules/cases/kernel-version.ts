import { fact, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 kernel 6.1',
      subject: hostSubject('al2023'),
      message: /Kernel 6\.1\.147-172\.266\.amzn2023\.x86_64 is 3\.10 or newer/,
      evidence: /cmd:uname -r 6\.1\.147/,
    },
    {
      name: 'exactly 3.10',
      subject: hostSubject('al2023', { kernel: { release: fact('3.10.0-1160.el7.x86_64') } }),
      message: /3\.10\.0-1160\.el7\.x86_64 is 3\.10 or newer/,
    },
  ],
  fail: [
    {
      name: 'kernel 2.6.32',
      subject: hostSubject('al2023', { kernel: { release: fact('2.6.32-754.el6.x86_64') } }),
      message: /Kernel 2\.6\.32-754\.el6\.x86_64 is older than 3\.10/,
    },
  ],
  inconclusive: [
    {
      name: 'release unknown',
      subject: hostSubject('al2023', { kernel: { release: unknownFact('uname timed out') } }),
      message: /kernel version is unknown: uname timed out/,
    },
    {
      name: 'release unreadable',
      subject: hostSubject('al2023', { kernel: { release: fact('custom-kernel') } }),
      message: /"custom-kernel" is not a version/,
    },
    { name: 'no host facts', subject: {}, message: /No host facts/ },
    {
      name: 'probe failed',
      subject: { hostUnavailableReason: 'ssm_never_online' },
      message: /No host facts: .*ssm_never_online/,
    },
  ],
};
