/**
 * `score` input: raw collector output, or host facts JSON (what the probe stores, or a facts
 * file written by hand). Tells them apart and says precisely what is wrong with either.
 */
import { z } from 'zod';
import { parseCollectorOutput } from '../shared/collector/parse';
import { type HostFacts, hostFactsSchema } from '../shared/core/host-facts';
import { CollectorOutputError, InvalidInputError } from '../shared/errors';
import { plural } from '../shared/report/document';
import type { InputText } from './io';

/**
 * Host facts from `input`: validated against `hostFactsSchema` when it is JSON (it starts with
 * `{`), parsed as collector output otherwise.
 *
 * @throws InvalidInputError naming the input and, for JSON, the path of the first bad field.
 */
export function parseHostFactsText(input: InputText): HostFacts {
  const { name, text } = input;
  if (text.trim() === '') {
    throw new InvalidInputError(`${name}: is empty; expected collector output or host facts JSON`);
  }
  if (text.trimStart().startsWith('{')) return parseHostFactsJson(text, name);
  try {
    return parseCollectorOutput(text);
  } catch (error) {
    if (!(error instanceof CollectorOutputError)) throw error;
    throw new CollectorOutputError(`${name}: not collector output: ${error.message}`, {
      cause: error,
    });
  }
}

function parseHostFactsJson(text: string, name: string): HostFacts {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(`${name}: not valid JSON: ${reason}`, { cause: error });
  }
  if (typeof data !== 'object' || data === null || !('schemaVersion' in data)) {
    throw new InvalidInputError(`${name}: JSON without a schemaVersion field is not host facts`);
  }
  // A report piped back in by mistake (`--format json | score -`) would otherwise list 12 issues.
  if ('findings' in data || 'reports' in data) {
    throw new InvalidInputError(`${name}: is an audit report, not host facts`);
  }
  const result = hostFactsSchema.safeParse(data);
  if (!result.success) {
    throw new InvalidInputError(`${name}: invalid host facts ${describeIssues(result.error)}`);
  }
  return result.data;
}

/** `at kernel.release.value: expected string, received number (and 2 more problems)`. */
function describeIssues(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'for an unknown reason';
  const where = z.core.toDotPath(first.path) || 'the top level';
  // zod prefixes type errors with "Invalid input: ", which the sentence around it already says.
  const what = first.message.replace(/^Invalid input: /, '');
  const more = rest.length === 0 ? '' : ` (and ${plural(rest.length, 'more problem')})`;
  return `at ${where}: ${what}${more}`;
}
