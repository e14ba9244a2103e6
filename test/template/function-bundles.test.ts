/**
 * Bundling stays per-function: each Lambda bundle carries the AWS SDK clients its own code
 * calls and no other (docs/adr/0002-bundle-the-aws-sdk.md). A shared module that builds a
 * client at module scope would put that client in every bundle importing it, which is how
 * clients leak; this reads each bundle's contents from esbuild's metafile. Sizes and import
 * times are the benchmark's business (`npm run bench -- bundles`), not asserted here.
 */
import { describe, expect, it } from 'vitest';
import { bundleFunction, functionNames } from '../../bench/function-bundle';

/** The clients each function calls (its role's services in serverless.yml). */
const CLIENTS: Readonly<Record<string, readonly string[]>> = {
  // Account reads, the probe launcher and facts cache, and the change-only notifier.
  'audit-change': ['batch', 'dynamodb', 'ec2', 'ecs', 'lib-dynamodb', 'sfn', 'sns', 'ssm'],
  sweep: ['batch', 'dynamodb', 'ec2', 'ecs', 'lib-dynamodb', 'sfn', 'sns', 'ssm'],
  'slack-notifier': ['secrets-manager', 'ssm'],
  'probe-start': ['dynamodb', 'lib-dynamodb'],
  'probe-launch': ['ec2'],
  'probe-check-online': ['ec2', 'ssm'],
  'probe-run-collector': ['ssm'],
  'probe-check-command': ['s3', 'ssm'],
  'probe-join-test': ['ecs'],
  'probe-terminate': ['ec2', 'ecs'],
  // Facts cache, public parameters (freshness baseline), and the notifier.
  'probe-score': ['dynamodb', 'lib-dynamodb', 'sns', 'ssm'],
  janitor: ['ec2', 'ecs'],
};

describe('Lambda bundles', () => {
  it('cover every function', () => {
    expect(Object.keys(CLIENTS).sort()).toEqual(functionNames());
  });

  it.each(functionNames())('%s bundles only the SDK clients it calls', async (name) => {
    const { clients } = await bundleFunction(name);
    expect(clients).toEqual(CLIENTS[name]);
  });
});
