/**
 * The probe facts cache in DynamoDB, keyed by AMI id and collector version
 * (AMIs are immutable; a new collector version re-probes). Items expire
 * through the table's TTL attribute; because TTL deletion lags by up to two
 * days, reads also check the expiry themselves.
 *
 * IAM: dynamodb:GetItem and dynamodb:PutItem on the probe facts table.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { COLLECTOR_VERSION } from '../../collector/script';
import type { CachedProbeFacts, FactsCache } from '../../pipeline/ports';
import { cacheLifetimeSeconds, parseCachedRecord } from '../../probe/cache-record';
import type { ProbeConfig } from '../../probe/config';
import { NO_FACTS_CACHE } from '../../probe/no-facts-cache';
import { call } from '../errors';
import type { PortFactory } from './port-context';

/** DynamoDB items are limited to 400 KB; leave room for the keys and attributes. */
const MAX_RECORD_BYTES = 380_000;

export interface DynamoDbFactsCacheOptions {
  readonly tableName: string;
  readonly collectorVersion: string;
  readonly lifetime: Pick<ProbeConfig, 'cacheDays' | 'failureCacheHours'>;
  readonly now?: () => Date;
}

export class DynamoDbFactsCache implements FactsCache {
  private readonly doc: DynamoDBDocumentClient;
  private readonly options: DynamoDbFactsCacheOptions;

  constructor(doc: DynamoDBDocumentClient, options: DynamoDbFactsCacheOptions) {
    this.doc = doc;
    this.options = options;
  }

  async get(amiId: string): Promise<CachedProbeFacts | undefined> {
    const { Item } = await call('dynamodb:GetItem', () =>
      this.doc.send(
        new GetCommand({
          TableName: this.options.tableName,
          Key: { amiId, collectorVersion: this.options.collectorVersion },
        }),
      ),
    );
    if (!Item) return undefined;
    if (typeof Item.expiresAt !== 'number' || Item.expiresAt * 1000 <= this.now().getTime()) {
      return undefined;
    }
    try {
      return parseCachedRecord(JSON.parse(String(Item.record)));
    } catch {
      return undefined;
    }
  }

  async put(facts: CachedProbeFacts): Promise<void> {
    const lifetime = cacheLifetimeSeconds(facts, this.options.lifetime);
    if (lifetime <= 0) return;
    const record = JSON.stringify(facts);
    if (Buffer.byteLength(record) > MAX_RECORD_BYTES) {
      throw new Error(
        `The probe facts of ${facts.amiId} are ${Buffer.byteLength(record)} bytes, too large to cache in DynamoDB`,
      );
    }
    const now = this.now();
    await call('dynamodb:PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            amiId: facts.amiId,
            collectorVersion: facts.collectorVersion,
            collectedAt: facts.collectedAt,
            // Kept as one JSON string: host facts hold nulls and empty arrays DynamoDB maps mangle.
            record,
            complete: facts.host !== undefined && !facts.host.collector.incomplete,
            expiresAt: Math.floor(now.getTime() / 1000) + lifetime,
          },
        }),
      ),
    );
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }
}

/**
 * The facts cache port over its own client, for the current collector version; without a
 * table, a cache that remembers nothing.
 */
export const factsCachePort: PortFactory<FactsCache> = ({ aws, config, factsTable, now }) =>
  factsTable
    ? new DynamoDbFactsCache(DynamoDBDocumentClient.from(new DynamoDBClient(aws)), {
        tableName: factsTable,
        collectorVersion: COLLECTOR_VERSION,
        lifetime: config,
        now,
      })
    : NO_FACTS_CACHE;
