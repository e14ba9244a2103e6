/** Readers for the small text formats hosts keep their settings in. */
import type { EnvFile } from '../../core/host-facts';

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/**
 * A KEY=VALUE environment file (`/etc/ecs/ecs.config`) in file order. Comments
 * and lines without `=` are skipped; one pair of surrounding quotes is removed
 * from a value, as systemd's EnvironmentFile= does.
 */
export function parseEnvFile(path: string, lines: readonly string[]): EnvFile {
  const entries: KeyValue[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const key = trimmed
      .slice(0, eq)
      .trim()
      .replace(/^export\s+/, '');
    entries.push({ key, value: unquote(trimmed.slice(eq + 1).trim()) });
  }
  return { path, entries };
}

/** `/etc/os-release` as a map (shell quoting and escapes undone). */
export function parseOsRelease(lines: readonly string[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of lines) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match?.[1]) continue;
    fields.set(match[1], unquote((match[2] ?? '').trim()).replace(/\\([\\$"`])/g, '$1'));
  }
  return fields;
}

/**
 * The assignments of a systemd `Environment=` value: whitespace-separated
 * words, each of which may be quoted (`"A=1 2" B=3`).
 */
export function parseSystemdEnvironment(value: string): KeyValue[] {
  return splitWords(value).flatMap((word) => {
    const eq = word.indexOf('=');
    return eq > 0 ? [{ key: word.slice(0, eq), value: word.slice(eq + 1) }] : [];
  });
}

/** Splits on whitespace outside quotes, removing the quotes and backslash escapes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length && quote !== "'") {
      word += text[++i];
      inWord = true;
    } else if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** JSON.parse that reports failure as a value instead of throwing. */
export function tryParseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) {
    return value.slice(1, -1);
  }
  return value;
}
