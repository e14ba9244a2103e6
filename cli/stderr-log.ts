/**
 * The pipeline's Log port for the CLI: progress and warnings on stderr, one line each, so
 * stdout carries only the report (`--format json | jq` works). Quiet with BAA_QUIET=1.
 */
import type { Log } from '../shared/pipeline/telemetry';
import { oneLine } from '../shared/report/wrap';

const write = (level: string, message: string, extra?: Record<string, unknown>) => {
  if (process.env.BAA_QUIET === '1') return;
  const details = extra && Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
  process.stderr.write(`batch-ami-audit: ${level}${oneLine(message)}${oneLine(details)}\n`);
};

export const stderrLog: Log = {
  info: (message, extra) => write('', message, extra),
  warn: (message, extra) => write('warning: ', message, extra),
  error: (message, extra) => write('error: ', message, extra),
  appendKeys: () => undefined,
};
