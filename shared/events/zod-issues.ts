/** Turns zod validation issues into one line that names each bad field. */
import type { z } from 'zod';

const MAX_ISSUES = 5;

/**
 * `detail.eventID: expected string, received undefined; time: invalid ISO datetime`.
 * Only the first few issues are listed: one bad event should not produce a page of text.
 */
export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(the input itself)';
    return `${field}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}

/** The dotted paths of the bad fields, e.g. `['detail.eventID']`, without repeats. */
export function issuePaths(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.path.map(String).join('.')))];
}
