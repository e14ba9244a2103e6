/**
 * The collector's redaction (collect.sh, REDACT_AWK), for text that never went through the
 * collector but is quoted in verdicts: a probe's console output, a failed collector's stderr,
 * output that is not collector output. Same rules, line by line: values of assignments whose
 * name contains AUTH, SECRET, PASS, PWD, TOKEN, CREDENTIAL, KEY, PRIVATE or COOKIE, JSON string
 * members with such names, and the `user:password@` part of URLs become `<redacted>`.
 */

export const REDACTED = '<redacted>';

const SECRET_NAME = /AUTH|SECRET|PASS|PWD|TOKEN|CREDENTIAL|KEY|PRIVATE|COOKIE/;
const ASSIGNMENT = /[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*/;
const JSON_MEMBER = /"([^"]*)"[ \t]*:[ \t]*"/;

const isSecret = (name: string) => SECRET_NAME.test(name.toUpperCase());

/**
 * `text` with credentials replaced by `<redacted>`.
 *
 * @example
 * redactSecrets('export AWS_SECRET_ACCESS_KEY=abc'); // 'export AWS_SECRET_ACCESS_KEY=<redacted>'
 */
export function redactSecrets(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      redactJson(redactAssignments(line.replace(/:\/\/[^/@ \t"]*@/g, '://<redacted>@'))),
    )
    .join('\n');
}

/** Index of the quote `q` closing the string opened at `start` (escapes skipped), else the length. */
function closeQuote(s: string, start: number, q: string): number {
  for (let j = start + 1; j < s.length; j += 1) {
    const c = s.charAt(j);
    if (c === '\\') j += 1;
    else if (c === q) return j;
  }
  return s.length;
}

function redactAssignments(line: string): string {
  let out = '';
  let rest = line;
  for (let match = ASSIGNMENT.exec(rest); match; match = ASSIGNMENT.exec(rest)) {
    const before = out + rest.slice(0, match.index);
    const name = match[0].replace(/[ \t]*=[\s\S]*$/, '');
    out = before + match[0];
    rest = rest.slice(match.index + match[0].length);
    if (!isSecret(name)) continue;
    const c = rest.charAt(0);
    const q = before.charAt(before.length - 1);
    if (c === '"' || c === "'") {
      // NAME="value": up to the matching quote
      out += c + REDACTED;
      rest = rest.slice(closeQuote(rest, 0, c));
    } else if (q === '"' || q === "'") {
      // "NAME=value": up to the quote that closes the whole assignment
      out += REDACTED;
      rest = rest.slice(closeQuote(q + rest, 0, q) - 1);
    } else if (c === '{' || c === '[' || /^[ \t]*((export|env)[ \t]+)?$/.test(before)) {
      // an env-file line or a JSON value: the rest of the line
      out += REDACTED;
      rest = '';
    } else {
      const end = rest.search(/[ \t]/);
      out += REDACTED;
      rest = end < 0 ? '' : rest.slice(end);
    }
  }
  return out + rest;
}

function redactJson(line: string): string {
  let out = '';
  let rest = line;
  for (let match = JSON_MEMBER.exec(rest); match; match = JSON_MEMBER.exec(rest)) {
    out += rest.slice(0, match.index + match[0].length);
    rest = rest.slice(match.index + match[0].length);
    const end = closeQuote(`"${rest}`, 0, '"') - 1;
    out += isSecret(match[1] ?? '') ? REDACTED : rest.slice(0, end);
    rest = rest.slice(end);
  }
  return out + rest;
}
