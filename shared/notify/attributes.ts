/**
 * SNS message attributes, for subscription filter policies. The names of version 1 are kept
 * (`verdict`, `severity`, `failedRules`, `computeEnvironment`, `amiId`, `region`, `account`);
 * `event` and `tags` are new. SNS allows 10 attributes per message, so routing tags travel in one
 * String.Array attribute, `tags`, as `name=value` entries: `{"tags": ["team=ml"]}` matches.
 */
import type { DigestDocument, FindingsDocument } from './document-schema';

/** One SNS message attribute, as PublishCommand takes it. */
export type MessageAttribute =
  | { readonly DataType: 'String'; readonly StringValue: string }
  | { readonly DataType: 'String.Array'; readonly StringValue: string };

/** A message's attributes by name (at most 10: SNS's limit). */
export type MessageAttributes = Readonly<Record<string, MessageAttribute>>;

/**
 * The attributes of a document. For a digest, which spans compute environments, the per-target
 * attributes are arrays of every value it mentions (a filter matches when any element does).
 */
export function attributesOf(document: FindingsDocument | DigestDocument): MessageAttributes {
  const common = {
    severity: text(document.highestSeverity ?? 'none'),
    region: text(document.region),
    account: text(document.accountId),
  };
  if (document.type === 'batch-ami-auditor.digest') {
    const groups = document.groups;
    const tags = unique(groups.flatMap((g) => tagEntries(g.routingTags)));
    return {
      ...common,
      event: text('digest'),
      verdict: text(document.verdict),
      failedRules: array(unique(document.worstOffenders.flatMap((o) => o.failedRules))),
      computeEnvironment: array(unique(groups.map((g) => g.computeEnvironment.name))),
      amiId: array(unique(groups.flatMap((g) => (g.amiId ? [g.amiId] : [])))),
      ...(tags.length > 0 ? { tags: array(tags) } : {}),
    };
  }
  const tags = tagEntries(document.routingTags);
  return {
    ...common,
    event: text(document.event),
    // NONE: the compute environment or AMI is gone (a resolution), so nothing was judged.
    verdict: text(document.verdict ?? 'NONE'),
    failedRules: array(document.failedRules),
    computeEnvironment: text(document.computeEnvironment.name),
    ...(document.amiId ? { amiId: text(document.amiId) } : {}),
    ...(tags.length > 0 ? { tags: array(tags) } : {}),
  };
}

function tagEntries(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(tags).map(([name, value]) => `${name}=${value}`);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function text(value: string): MessageAttribute {
  return { DataType: 'String', StringValue: value };
}

function array(values: readonly string[]): MessageAttribute {
  return { DataType: 'String.Array', StringValue: JSON.stringify(values) };
}
