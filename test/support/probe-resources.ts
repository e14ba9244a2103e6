/**
 * Pieces of a probe account that tests outside the probe world need too: moto's AMI catalogue
 * with fresh copies of the official AL2023 image, and the probe facts table of the stack.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TEST_AMIS_PATH } from './moto';
import { MOTO_AMIS } from './moto-world';

/** Fresh AMIs per world: every test probes an AMI no earlier test cached or named an execution after. */
export const FRESH_AMIS = 64;

/** The probe facts table as serverless.yml declares it (ProbeFactsTable). */
export async function createFactsTable(
  dynamodb: { send: DynamoDBClient['send'] },
  tableName: string,
): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [
        { AttributeName: 'amiId', KeyType: 'HASH' },
        { AttributeName: 'collectorVersion', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'amiId', AttributeType: 'S' },
        { AttributeName: 'collectorVersion', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/**
 * moto's AMI catalogue for one world: the curated images (test/fixtures/moto/amis.json) plus
 * copies of the official ECS-optimized AL2023 x86_64 image under fresh ids, written to a
 * temporary directory (the curated file is shared by other suites and stays as it is).
 */
export function writeAmiCatalogue(): { dir: string; fresh: string[] } {
  const curated = JSON.parse(readFileSync(TEST_AMIS_PATH, 'utf8')) as Record<string, unknown>[];
  const al2023 = curated.find((image) => image.ami_id === MOTO_AMIS.al2023);
  if (!al2023) throw new Error(`${TEST_AMIS_PATH} lacks ${MOTO_AMIS.al2023}`);
  const fresh = Array.from(
    { length: FRESH_AMIS },
    (_, i) => `ami-0a2023${(i + 1).toString(16).padStart(11, '0')}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'baa-probe-amis-'));
  const copies = fresh.map((id) => ({ ...al2023, ami_id: id }));
  writeFileSync(join(dir, 'amis.json'), JSON.stringify([...curated, ...copies]));
  return { dir, fresh };
}
