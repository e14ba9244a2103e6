/**
 * The finding state table (DynamoDB): what people were last told about each finding.
 * Partition key `pk` = `<account>#<region>` (a sweep reads one partition), sort key `sk` =
 * `<compute environment>#<AMI>#<rule>` (a change run reads one compute environment's prefix;
 * `#` cannot occur in Batch names or AMI ids). Resolved states expire after a while (TTL).
 *
 * IAM: dynamodb:Query, dynamodb:PutItem on the table; kms:Decrypt, kms:Encrypt,
 * kms:GenerateDataKey*, kms:DescribeKey on the stack's key (which encrypts it), through DynamoDB.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { FindingState, FindingStateStore } from '../notify/finding-state';
import { stateKey } from '../notify/finding-state';
import { call } from './errors';

/** Days a resolved state is kept: long enough to call a recurrence "back", then it expires. */
export const RESOLVED_RETENTION_DAYS = 90;
/** Writes in flight at once. */
const WRITE_CONCURRENCY = 10;

const stateSchema = z.object({
  accountId: z.string(),
  region: z.string(),
  computeEnvironment: z.string(),
  computeEnvironmentArn: z.string().optional(),
  amiId: z.string(),
  ruleId: z.string(),
  status: z.enum(['FAIL', 'INCONCLUSIVE', 'ERROR', 'RESOLVED']),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  level: z.enum(['required', 'recommended', 'advisory']),
  waived: z.boolean(),
  title: z.string(),
  message: z.string(),
  origin: z.string().optional(),
  routingTags: z.record(z.string(), z.string()),
  firstSeenAt: z.string(),
  observedAt: z.string(),
  auditId: z.string(),
});

/** The FindingStateStore over the stack's DynamoDB table. */
export class DynamoFindingStateStore implements FindingStateStore {
  private readonly dynamo: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(dynamo: DynamoDBDocumentClient, tableName: string) {
    this.dynamo = dynamo;
    this.tableName = tableName;
  }

  async load(query: Parameters<FindingStateStore['load']>[0]): Promise<FindingState[]> {
    const pk = partitionOf(query.accountId, query.region);
    const prefixes = query.computeEnvironments?.map((name) => `${name}#`) ?? [undefined];
    const states: FindingState[] = [];
    for (const prefix of prefixes) {
      await call('dynamodb:Query', async () => {
        const pages = paginateQuery(
          { client: this.dynamo },
          {
            TableName: this.tableName,
            KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
          },
        );
        for await (const page of pages) {
          for (const item of page.Items ?? []) {
            // An item this version cannot read is treated as unknown (announced again), never fatal.
            const parsed = stateSchema.safeParse(item);
            if (parsed.success) states.push(parsed.data);
          }
        }
      });
    }
    return states;
  }

  async save(states: readonly FindingState[]): Promise<{ readonly skipped: number }> {
    let skipped = 0;
    for (let i = 0; i < states.length; i += WRITE_CONCURRENCY) {
      // Settled, not Promise.all: every write of the batch has ended when save returns or
      // throws, so none goes on in the background of a failed invocation (Lambda would thaw it
      // in a later one, recording states in an order nobody chose).
      const results = await Promise.allSettled(
        states.slice(i, i + WRITE_CONCURRENCY).map((state) => this.put(state)),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      skipped += results.filter((r) => r.status === 'fulfilled' && !r.value).length;
    }
    return { skipped };
  }

  /** False when the stored state was observed later (a newer audit got there first). */
  private async put(state: FindingState): Promise<boolean> {
    const resolved = state.status === 'RESOLVED';
    const expiresAt =
      Math.floor(Date.parse(state.observedAt) / 1000) + RESOLVED_RETENTION_DAYS * 86_400;
    try {
      await call('dynamodb:PutItem', () =>
        this.dynamo.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: partitionOf(state.accountId, state.region),
              sk: stateKey(state),
              ...state,
              ...(resolved ? { expiresAt } : {}),
            },
            // ISO-8601 UTC strings compare in time order.
            ConditionExpression: 'attribute_not_exists(pk) OR observedAt <= :observedAt',
            ExpressionAttributeValues: { ':observedAt': state.observedAt },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function partitionOf(accountId: string, region: string): string {
  return `${accountId}#${region}`;
}
