/**
 * The notification adapters against moto_server: the finding state table (what a change run and
 * a sweep read, the "newer observation wins" write) and where the Slack webhook URL is read from.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoFindingStateStore } from '../../shared/aws/finding-state-store';
import { readWebhookUrl } from '../../shared/aws/slack-webhook-url';
import { findingState } from '../support/finding-state';
import { type MotoServer, motoClientConfig, startMoto } from '../support/moto';
import { MotoWorld } from '../support/moto-world';

let moto: MotoServer;
let world: MotoWorld;
let store: DynamoFindingStateStore;

beforeAll(async () => {
  moto = await startMoto();
  world = await new MotoWorld(moto).setUp();
  store = new DynamoFindingStateStore(
    DynamoDBDocumentClient.from(new DynamoDBClient(motoClientConfig(moto)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    world.stateTable,
  );
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  await world.createStateTable();
});

const state = findingState;

describe('DynamoFindingStateStore', () => {
  it('reads back what it wrote, per compute environment (gpu is not gpu-2) or per account and region', async () => {
    await store.save([
      state(),
      state({ computeEnvironment: 'gpu-2' }),
      state({ region: 'eu-west-1' }),
    ]);

    const gpu = await store.load({
      accountId: '123456789012',
      region: 'us-east-1',
      computeEnvironments: ['gpu'],
    });
    const all = await store.load({ accountId: '123456789012', region: 'us-east-1' });

    expect(gpu).toEqual([state()]);
    expect(all.map((s) => s.computeEnvironment).sort()).toEqual(['gpu', 'gpu-2']);
  });

  it('never lets an older observation overwrite a newer one', async () => {
    await store.save([state({ observedAt: '2026-11-28T05:00:00.000Z', status: 'INCONCLUSIVE' })]);

    const result = await store.save([state({ status: 'RESOLVED' })]);

    expect(result).toEqual({ skipped: 1 });
    const [stored] = await store.load({ accountId: '123456789012', region: 'us-east-1' });
    expect(stored?.status).toBe('INCONCLUSIVE');
  });

  it('gives resolved states an expiry (DynamoDB TTL), and open ones none', async () => {
    await store.save([state(), state({ ruleId: 'image-boot-mode', status: 'RESOLVED' })]);

    const item = (sk: string) =>
      world.dynamodb.send(
        new GetItemCommand({
          TableName: world.stateTable,
          Key: { pk: { S: '123456789012#us-east-1' }, sk: { S: sk } },
        }),
      );
    const open = await item('gpu#ami-0badbadbadbadbad0#image-hvm');
    const resolved = await item('gpu#ami-0badbadbadbadbad0#image-boot-mode');
    expect(open.Item?.expiresAt).toBeUndefined();
    // 90 days after it was observed resolved.
    expect(resolved.Item?.expiresAt?.N).toBe(
      String(Date.parse('2026-11-28T04:00:00Z') / 1000 + 90 * 86_400),
    );
  });
});

describe('readWebhookUrl', () => {
  const clients = () => ({
    ssm: new SSMClient(motoClientConfig(moto)),
    secrets: new SecretsManagerClient(motoClientConfig(moto)),
  });

  it('reads the URL from an SSM SecureString parameter', async () => {
    await clients().ssm.send(
      new PutParameterCommand({
        Name: '/alerts/slack',
        Type: 'SecureString',
        Value: 'https://hooks.slack.com/services/T1/B1/abc',
      }),
    );
    const url = await readWebhookUrl({ kind: 'ssm', parameterName: '/alerts/slack' }, clients());
    expect(url.href).toBe('https://hooks.slack.com/services/T1/B1/abc');
  });

  it('reads the URL from a Secrets Manager secret', async () => {
    const secret = await clients().secrets.send(
      new CreateSecretCommand({
        Name: 'slack-webhook',
        SecretString: 'https://hooks.slack.com/services/T2/B2/def',
      }),
    );
    const url = await readWebhookUrl(
      { kind: 'secretsmanager', secretArn: secret.ARN ?? '' },
      clients(),
    );
    expect(url.host).toBe('hooks.slack.com');
  });

  it('refuses a plain-http URL without repeating it (it is a credential)', async () => {
    await clients().ssm.send(
      new PutParameterCommand({
        Name: '/alerts/insecure',
        Type: 'SecureString',
        Value: 'http://hooks.example.com/services/T3/B3/secret-token',
      }),
    );
    await expect(
      readWebhookUrl({ kind: 'ssm', parameterName: '/alerts/insecure' }, clients()),
    ).rejects.toThrow(
      /^SSM parameter \/alerts\/insecure holds a http: URL; a Slack webhook is https$/,
    );
  });
});
