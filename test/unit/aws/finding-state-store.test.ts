/**
 * What a failed save leaves behind: when one write of a batch fails, the others have ended by the
 * time save throws (none is left running into a later invocation), and the failure is the AWS
 * error, not a summary that hides it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoFindingStateStore } from '../../../shared/aws/finding-state-store';
import type { FindingState } from '../../../shared/notify/finding-state';
import { findingState } from '../../support/finding-state';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(doc);
afterEach(() => dynamo.reset());

const state = (computeEnvironment: string) => findingState({ computeEnvironment });

describe('DynamoFindingStateStore.save', () => {
  it('throws the failed write’s error only once every other write of its batch has ended', async () => {
    const ended: string[] = [];
    dynamo.on(PutCommand).callsFake(async (input: { Item: FindingState }) => {
      const name = input.Item.computeEnvironment;
      if (name === 'ce-0') {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      ended.push(name);
      return {};
    });
    const store = new DynamoFindingStateStore(doc, 'finding-states');
    const states = ['ce-0', 'ce-1', 'ce-2', 'ce-3'].map(state);

    await expect(store.save(states)).rejects.toThrow('Rate exceeded');
    expect(ended.sort()).toEqual(['ce-1', 'ce-2', 'ce-3']);
  });

  it('counts the writes a newer observation won, and fails none for it', async () => {
    dynamo.on(PutCommand).callsFake(async (input: { Item: FindingState }) => {
      if (input.Item.computeEnvironment === 'ce-1') {
        const { ConditionalCheckFailedException } = await import('@aws-sdk/client-dynamodb');
        throw new ConditionalCheckFailedException({ message: 'newer', $metadata: {} });
      }
      return {};
    });
    const store = new DynamoFindingStateStore(doc, 'finding-states');

    await expect(store.save(['ce-0', 'ce-1', 'ce-2'].map(state))).resolves.toEqual({ skipped: 1 });
  });
});
