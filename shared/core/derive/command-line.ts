/**
 * Reads the command lines of the units that launch the ECS agent: splits them
 * into words and picks out the `docker run` options that decide the agent
 * container's environment.
 */

/**
 * Splits a command line into words the way a POSIX shell (and, close enough,
 * systemd's ExecStart=) does: whitespace separates words, single quotes are
 * literal, double quotes allow backslash escapes. Expansions are not performed.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) {
        i += 1;
        word += line.charAt(i);
      } else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < line.length) {
      i += 1;
      word += line.charAt(i);
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
/** systemd ExecStart= prefixes (`-`, `@`, `:`, `+`, `!`, `!!`) that are not part of the path. */
const SYSTEMD_PREFIX = /^[-@:+!]+/;

/**
 * The words of every command a unit line runs: `/bin/sh -c "a && b"` yields the
 * commands `a` and `b`, so a `docker run` wrapped in a shell is still seen.
 */
export function commandsOf(line: string): string[][] {
  const words = splitCommandLine(line);
  const first = words[0];
  if (first !== undefined) words[0] = first.replace(SYSTEMD_PREFIX, '');
  const script = words.indexOf('-c');
  if (script > 0 && SHELLS.has(basename(words[0] ?? '')) && words[script + 1] !== undefined) {
    return (words[script + 1] ?? '')
      .split(/&&|\|\||;|\n/)
      .map((part) => splitCommandLine(part))
      .filter((part) => part.length > 0);
  }
  return words.length > 0 ? [words] : [];
}

/** The last path component of a word, e.g. `amazon-ecs-init` for `/usr/libexec/amazon-ecs-init`. */
export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Where a `docker run` gets the container's environment from, in docker's order. */
export interface DockerRunEnvironment {
  /** `--env-file` paths, in the order given (docker reads them first). */
  readonly envFiles: readonly string[];
  /**
   * `-e`/`--env` flags, in order (docker appends them after the env files, so
   * they win). `value` is null for `-e NAME`, which copies NAME from the
   * environment of the process running `docker run`.
   */
  readonly flags: readonly { readonly key: string; readonly value: string | null }[];
  /** The image the container runs (the first word after the options). */
  readonly image: string | null;
}

/** `docker run` options that take a value as the next word (enough to find the image). */
const OPTIONS_WITH_VALUE = new Set([
  '--add-host',
  '--cap-add',
  '--cap-drop',
  '--cgroupns',
  '--cpus',
  '--device',
  '--dns',
  '--entrypoint',
  '--env',
  '-e',
  '--env-file',
  '--gpus',
  '--hostname',
  '-h',
  '--init-path',
  '--ipc',
  '--label',
  '-l',
  '--log-driver',
  '--log-opt',
  '--memory',
  '-m',
  '--mount',
  '--name',
  '--network',
  '--net',
  '--pid',
  '--platform',
  '--publish',
  '-p',
  '--restart',
  '--runtime',
  '--security-opt',
  '--stop-signal',
  '--stop-timeout',
  '--sysctl',
  '--tmpfs',
  '--ulimit',
  '--user',
  '-u',
  '--userns',
  '--uts',
  '--volume',
  '-v',
  '--volumes-from',
  '--workdir',
  '-w',
]);

/**
 * The environment options of a `docker run` (or `docker container run`) command,
 * or null when `words` is not one.
 */
export function dockerRunEnvironment(words: readonly string[]): DockerRunEnvironment | null {
  const runAt = dockerRunIndex(words);
  if (runAt < 0) return null;
  const envFiles: string[] = [];
  const flags: { key: string; value: string | null }[] = [];
  let image: string | null = null;
  for (let i = runAt + 1; i < words.length && image === null; i += 1) {
    const word = words[i] ?? '';
    const [option, inline] = splitOption(word);
    const value = inline ?? (OPTIONS_WITH_VALUE.has(option) ? words[++i] : undefined);
    if (option === '--env-file' && value !== undefined) envFiles.push(value);
    else if ((option === '-e' || option === '--env') && value !== undefined) {
      const eq = value.indexOf('=');
      flags.push(
        eq < 0
          ? { key: value, value: null }
          : { key: value.slice(0, eq), value: value.slice(eq + 1) },
      );
    } else if (!word.startsWith('-')) image = word;
  }
  return { envFiles, flags, image };
}

function dockerRunIndex(words: readonly string[]): number {
  const docker = words.findIndex((word) => basename(word) === 'docker');
  if (docker < 0) return -1;
  if (words[docker + 1] === 'run') return docker + 1;
  if (words[docker + 1] === 'container' && words[docker + 2] === 'run') return docker + 2;
  return -1;
}

/** `--env-file=/x` -> [`--env-file`, `/x`]; `-eKEY=V` is not used by unit authors and is not split. */
function splitOption(word: string): [string, string | undefined] {
  if (!word.startsWith('--')) return [word, undefined];
  const eq = word.indexOf('=');
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}
