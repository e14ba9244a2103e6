/**
 * Captures what the process writes to stdout and stderr: Powertools' logger writes there
 * directly, through its own Console, as it does in Lambda (where it becomes CloudWatch Logs).
 */

/** What was written since `captureOutput()`; `stop()` gives the streams back. */
export interface Capture {
  text(): string;
  stop(): void;
}

/** Captures (and holds back) every write to stdout and stderr until `stop()`. */
export function captureOutput(): Capture {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    }) as typeof stream.write;
  }
  return {
    text: () => chunks.join(''),
    stop: () => {
      streams.forEach((stream, i) => {
        stream.write = originals[i] as typeof stream.write;
      });
    },
  };
}
