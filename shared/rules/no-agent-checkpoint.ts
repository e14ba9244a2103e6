import { evidenceOf } from '../core/evidence';
import { fail, inconclusive, pass, type Rule } from '../core/rule';
import { noHostFacts } from './support/host-guard';

export const noAgentCheckpoint: Rule = {
  id: 'no-agent-checkpoint',
  title: 'No ECS agent checkpoint was baked into the AMI',
  scope: 'host',
  level: 'required',
  severity: 'high',
  spec: {
    quote:
      "If you started the Amazon ECS container agent on your instance, you must stop it and remove any persistent data checkpoint files before creating your AMI. Otherwise, if you don't do this, the agent doesn't start on instances that are launched from your AMI.",
    url: 'https://docs.aws.amazon.com/batch/latest/userguide/create-batch-ami.html',
  },
  impact:
    'A checkpoint from the build instance makes the agent on every new instance try to resume as that instance: it fails to start (or to register), so instances never take jobs.',
  remediation:
    'Before creating the AMI, stop the agent (`sudo systemctl stop ecs`, or `sudo stop ecs` on AL1) and remove its state: `sudo rm -rf /var/lib/ecs/data/*`. In Packer, do it in the last provisioner.',
  outcomes: {
    pass: '/var/lib/ecs/data is empty, or every file in it was written after this boot (by the running agent).',
    fail: 'A file in /var/lib/ecs/data was modified before the host booted: it came from the image.',
    inconclusive: 'The directory, the boot time or a file modification time could not be read.',
  },
  check(subject) {
    const { host } = subject;
    if (!host) return noHostFacts(subject);
    const { checkpointFiles } = host.ecs;
    const { bootTime } = host;
    const evidence = evidenceOf(checkpointFiles, (files) =>
      files.length === 0
        ? 'empty'
        : files.map((f) => `${f.path} mtime=${f.modifiedAt ?? 'unknown'}`).join(', '),
    );
    if (!checkpointFiles.known) {
      return inconclusive(
        `The agent data directory could not be read: ${checkpointFiles.reason}`,
        evidence,
      );
    }
    const files = checkpointFiles.value;
    if (files.length === 0) return pass('/var/lib/ecs/data holds no checkpoint files.', evidence);
    evidence.push(
      ...evidenceOf(bootTime, (t) => `booted at ${new Date(t * 1000).toISOString()} (${t})`),
    );
    if (!bootTime.known) {
      return inconclusive(
        `/var/lib/ecs/data holds ${files.length} file(s), and the boot time is unknown (${bootTime.reason}), so it cannot be told whether they came from the image.`,
        evidence,
      );
    }
    // Files written before this boot cannot be the running agent's: they were in the image.
    const baked = files.filter((f) => f.modifiedAt !== null && f.modifiedAt < bootTime.value);
    if (baked.length > 0) {
      return fail(
        `Agent checkpoint files were baked into the AMI (modified before boot): ${baked.map((f) => f.path).join(', ')}.`,
        evidence,
      );
    }
    const undated = files.filter((f) => f.modifiedAt === null);
    if (undated.length > 0) {
      return inconclusive(
        `The modification time of ${undated.map((f) => f.path).join(', ')} is unknown, so it cannot be told whether they came from the image.`,
        evidence,
      );
    }
    return pass(
      `The ${files.length} file(s) in /var/lib/ecs/data were written after boot, by the running agent.`,
      evidence,
    );
  },
};
