/** Plain-text helpers for terminal output: safe single lines and word wrapping. */

// C0/C1 controls (ANSI escapes included) and bidi overrides: text from hosts must not be able
// to recolour, move the cursor or reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` on one line: whitespace runs become one space, control characters become `\xNN`. */
export function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(UNSAFE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Word-wraps `text` to `width` columns. The first line starts with `indent` spaces, later ones
 * with `hang` spaces. A word longer than a line (a URL, a path) is kept whole rather than broken.
 */
export function wrap(text: string, width: number, indent: number, hang = indent): string[] {
  const lines: string[] = [];
  let line = '';
  let room = width - indent;
  for (const word of oneLine(text).split(' ')) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = width - hang;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l, i) => ' '.repeat(i === 0 ? indent : hang) + l);
}
