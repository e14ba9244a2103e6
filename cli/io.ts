/** Reading inputs (a file or stdin) and writing outputs (stdout or a file) for commands. */
import { readFile, writeFile } from 'node:fs/promises';
import { describeFsError, InputReadError, OutputWriteError } from './errors';

/** Text read from a file or stdin, with the name errors should use for it. */
export interface InputText {
  /** The path as the user gave it, or `stdin`. */
  readonly name: string;
  readonly text: string;
}

/** Reads `path`, or stdin when `path` is `-`. Throws InputReadError when it cannot. */
export async function readInput(path: string): Promise<InputText> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { name: 'stdin', text: Buffer.concat(chunks).toString('utf8') };
  }
  try {
    return { name: path, text: await readFile(path, 'utf8') };
  } catch (error) {
    throw new InputReadError(`${path}: cannot read: ${describeFsError(error)}`, { cause: error });
  }
}

/** Writes `text` to `output`, or to stdout when there is none. Throws OutputWriteError when it cannot. */
export async function writeOutput(text: string, output: string | undefined): Promise<void> {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(output, text);
  } catch (error) {
    throw new OutputWriteError(`${output}: cannot write: ${describeFsError(error)}`, {
      cause: error,
    });
  }
}

/** A progress or info line for people: stderr, so stdout stays the report (`| jq` works). */
export function info(message: string): void {
  process.stderr.write(`batch-ami-audit: ${message}\n`);
}
