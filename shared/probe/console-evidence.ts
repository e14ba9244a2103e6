/**
 * Evidence from an instance's console output (EC2 GetConsoleOutput) for a
 * probe that never came online: the lines that usually explain why (kernel
 * panics, cloud-init and systemd failures, the SSM agent's complaints), then
 * the tail of the log. The console never went through the collector, so it is
 * redacted here, by the collector's rules, before anything quotes it.
 */
import { redactSecrets } from '../collector/redact';

const NOTABLE =
  /kernel panic|panic|oops|call trace|not syncing|emergency mode|failed to start|\bfailed\b|\berror\b|cloud-init|amazon-ssm-agent|ssm-agent|ecs/i;
const MAX_NOTABLE_LINES = 8;
const MAX_LINE = 200;
const TAIL_CHARACTERS = 600;

export interface ConsoleEvidence {
  readonly notable: readonly string[];
  readonly tail: string;
}

export function summariseConsoleOutput(text: string): ConsoleEvidence {
  const clean = redactSecrets(stripControl(text));
  const lines = clean
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const notable = lines
    .filter((line) => NOTABLE.test(line))
    .slice(-MAX_NOTABLE_LINES)
    .map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line));
  return { notable, tail: clean.trim().slice(-TAIL_CHARACTERS) };
}

/** One paragraph for a verdict reason. */
export function describeConsoleOutput(text: string | undefined): string {
  if (text === undefined || text.trim() === '') {
    return 'EC2 had no console output for the instance (it is only kept for a while after boot, and some instance types publish it late).';
  }
  const { notable, tail } = summariseConsoleOutput(text);
  return notable.length > 0
    ? `Console output, notable lines: ${notable.join(' | ')}`
    : `Console output (last ${TAIL_CHARACTERS} characters): ${tail}`;
}

function stripControl(text: string): string {
  return (
    text
      // ANSI escape sequences (colours, cursor movement) that systemd and consoles print.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
  );
}
