import { describe, expect, it } from 'vitest';
import {
  INLINE_STDOUT_LIMIT,
  isInlineOutputTruncated,
  stdoutObjectKey,
  withoutTruncationMarker,
} from '../../../shared/probe/command-output';
import { describeConsoleOutput } from '../../../shared/probe/console-evidence';

describe('command output', () => {
  it('flags inline output at the SSM limit or ending in the truncation marker', () => {
    expect(isInlineOutputTruncated('x'.repeat(INLINE_STDOUT_LIMIT))).toBe(true);
    expect(isInlineOutputTruncated('facts\n---Output truncated---')).toBe(true);
    expect(isInlineOutputTruncated('facts\n@@@ end\n')).toBe(false);
    expect(withoutTruncationMarker('facts\n---Output truncated---')).toBe('facts\n');
  });

  it('finds the stdout object from the URL SSM gives, in either S3 URL style', () => {
    expect(
      stdoutObjectKey(
        'bkt',
        'p',
        'cmd',
        'i-1',
        'https://s3.us-east-1.amazonaws.com/bkt/p/cmd/i-1/awsrunShellScript/0.awsrunShellScript/stdout',
      ),
    ).toBe('p/cmd/i-1/awsrunShellScript/0.awsrunShellScript/stdout');
    expect(
      stdoutObjectKey('bkt', 'p', 'cmd', 'i-1', 'https://bkt.s3.us-east-1.amazonaws.com/a/b'),
    ).toBe('a/b');
    expect(stdoutObjectKey('bkt', 'p', 'cmd', 'i-1')).toBe(
      'p/cmd/i-1/awsrunShellScript/0.awsrunShellScript/stdout',
    );
  });
});

describe('describeConsoleOutput', () => {
  it('quotes the lines that explain a dead boot', () => {
    const console = [
      'Linux version 6.1.0',
      '\u001b[0;31m[FAILED]\u001b[0m Failed to start amazon-ssm-agent.service',
      'Kernel panic - not syncing: VFS: Unable to mount root fs',
      'random noise',
    ].join('\r\n');
    const text = describeConsoleOutput(console);
    expect(text).toContain('Kernel panic - not syncing');
    expect(text).toContain('Failed to start amazon-ssm-agent.service');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('random noise');
  });

  it('says when there is no console output at all', () => {
    expect(describeConsoleOutput(undefined)).toMatch(/no console output/);
  });
});
