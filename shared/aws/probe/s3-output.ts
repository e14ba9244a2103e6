/**
 * Reads the collector's full output from the stack's output bucket.
 *
 * IAM: s3:GetObject on `<bucket>/probe-output/*`, and s3:ListBucket on the
 * bucket for that prefix (without it S3 answers AccessDenied, not NoSuchKey,
 * for an object that does not exist).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ProbeOutputStore } from '../../probe/ports';
import { call, errorName } from '../errors';
import type { PortFactory } from './port-context';

export class S3OutputStore implements ProbeOutputStore {
  private readonly s3: S3Client;

  constructor(s3: S3Client) {
    this.s3 = s3;
  }

  async read(bucket: string, key: string): Promise<string | undefined> {
    try {
      const response = await call('s3:GetObject', () =>
        this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
      );
      return (await response.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (errorName(error) === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}

/** The output bucket's port over its own client (a probe function builds only the ports it uses). */
export const outputStorePort: PortFactory<ProbeOutputStore> = ({ aws }) =>
  new S3OutputStore(new S3Client(aws));
