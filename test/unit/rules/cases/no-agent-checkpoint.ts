import { BOOT_TIME, fact, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const files = (...list: { path: string; modifiedAt: number | null }[]) => ({
  ecs: { checkpointFiles: fact(list, 'cmd:stat /var/lib/ecs/data/*') },
});

export const cases: RuleCases = {
  pass: [
    {
      name: 'the running agent wrote its state after boot',
      subject: hostSubject('al2023'),
      message: /The 1 file\(s\) in \/var\/lib\/ecs\/data were written after boot/,
      evidence: /booted at 2026-/,
    },
    {
      name: 'empty data directory',
      subject: hostSubject('al2023', files()),
      message: /holds no checkpoint files/,
    },
  ],
  fail: [
    {
      name: 'a checkpoint older than boot was baked in',
      subject: hostSubject(
        'al2023',
        files(
          { path: '/var/lib/ecs/data/ecs_agent_data.json', modifiedAt: BOOT_TIME - 86_400 },
          { path: '/var/lib/ecs/data/agent.db', modifiedAt: BOOT_TIME + 40 },
        ),
      ),
      message:
        /baked into the AMI \(modified before boot\): \/var\/lib\/ecs\/data\/ecs_agent_data\.json\.$/,
      evidence: /ecs_agent_data\.json mtime=1787565600/,
    },
  ],
  inconclusive: [
    {
      name: 'data directory unreadable',
      subject: hostSubject('al2023', {
        ecs: { checkpointFiles: unknownFact('permission denied') },
      }),
      message: /could not be read: permission denied/,
    },
    {
      name: 'boot time unknown',
      subject: hostSubject('al2023', { bootTime: unknownFact('/proc/stat unreadable') }),
      message: /boot time is unknown \(\/proc\/stat unreadable\)/,
    },
    {
      name: 'a file without a modification time',
      subject: hostSubject(
        'al2023',
        files({ path: '/var/lib/ecs/data/agent.db', modifiedAt: null }),
      ),
      message: /modification time of \/var\/lib\/ecs\/data\/agent\.db is unknown/,
    },
  ],
};
