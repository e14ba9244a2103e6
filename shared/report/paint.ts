/**
 * Terminal colour, injected into the text renderer so it stays pure and tests can force
 * colour on or off. Node's `styleText` decides from the stream whether to colour: only a
 * TTY, never with `NO_COLOR`, always with `FORCE_COLOR` (Node's rules, not ours).
 */
import { styleText } from 'node:util';

/** A `styleText` format: `'red'`, `['bold', 'green']`, … */
export type StyleFormat = Parameters<typeof styleText>[0];

/** Styles `text` with `format`, or returns it unchanged when colour is off. */
export type Paint = (format: StyleFormat, text: string) => string;

/** No colour: for files, pipes and `--no-color`. */
export const PLAIN: Paint = (_format, text) => text;

/** Always colour, whatever the stream (tests, `--color` style overrides). */
export const ALWAYS: Paint = (format, text) => styleText(format, text, { validateStream: false });

/**
 * Colour when `stream` should get it: a TTY without `NO_COLOR`, or `FORCE_COLOR` set.
 *
 * @example
 * const paint = paintFor(process.stdout);
 * process.stdout.write(paint('red', 'FAIL'));
 */
export function paintFor(stream: NodeJS.WritableStream): Paint {
  return (format, text) => styleText(format, text, { stream });
}
