/**
 * Batch DescribeComputeEnvironments: one compute environment by name or ARN,
 * or every compute environment of the account and region (paginated).
 *
 * IAM: batch:DescribeComputeEnvironments.
 */
import {
  type BatchClient,
  DescribeComputeEnvironmentsCommand,
  paginateDescribeComputeEnvironments,
} from '@aws-sdk/client-batch';
import { type ComputeEnvironment, parseComputeEnvironment } from '../resolve/compute-environment';
import { call } from './errors';

/** The compute environment, or null when it does not exist (deleted, or never created). */
export async function describeComputeEnvironment(
  batch: BatchClient,
  nameOrArn: string,
): Promise<ComputeEnvironment | null> {
  const response = await call('batch:DescribeComputeEnvironments', () =>
    batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [nameOrArn] })),
  );
  const [detail] = response.computeEnvironments ?? [];
  if (!detail || detail.status === 'DELETED') return null;
  return parseComputeEnvironment(detail);
}

/** Every compute environment, 100 per call. Deleted ones are skipped. */
export async function listComputeEnvironments(batch: BatchClient): Promise<ComputeEnvironment[]> {
  const all: ComputeEnvironment[] = [];
  await call('batch:DescribeComputeEnvironments', async () => {
    for await (const page of paginateDescribeComputeEnvironments(
      { client: batch },
      { maxResults: 100 },
    )) {
      for (const detail of page.computeEnvironments ?? []) {
        if (detail.status !== 'DELETED') all.push(parseComputeEnvironment(detail));
      }
    }
  });
  return all;
}
