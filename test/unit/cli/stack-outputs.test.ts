/**
 * `--stack`: which probe options the deployed stack fills in, and what a user reads when it
 * cannot.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { withStackOutputs } from '../../../cli/stack-outputs';
import { AwsAccessDeniedError } from '../../../shared/aws/errors';

const cfn = new CloudFormationClient({ region: 'eu-west-1' });
const mock = mockClient(cfn);
afterEach(() => mock.reset());

const OUTPUTS = {
  ProbeClusterName: 'batch-ami-auditor-prod-probe',
  ProbeInstanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/probe',
  ProbeOwner: 'batch-ami-auditor-prod',
  ProbeFactsTableName: 'batch-ami-auditor-prod-probe-facts',
};

function stackWith(outputs: Record<string, string>) {
  mock.on(DescribeStacksCommand, { StackName: 'batch-ami-auditor-prod' }).resolves({
    Stacks: [
      {
        StackName: 'batch-ami-auditor-prod',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(0),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue,
        })),
      },
    ],
  });
}

describe('withStackOutputs', () => {
  it('fills in the options not given, and keeps those given', async () => {
    stackWith(OUTPUTS);
    const options = await withStackOutputs(
      { instanceType: [], cluster: 'my-own-cluster', subnet: 'subnet-0123456789abcdef0' },
      'batch-ami-auditor-prod',
      cfn,
    );
    expect(options).toEqual({
      instanceType: [],
      cluster: 'my-own-cluster',
      subnet: 'subnet-0123456789abcdef0',
      instanceProfile: OUTPUTS.ProbeInstanceProfileArn,
      owner: OUTPUTS.ProbeOwner,
      factsTable: OUTPUTS.ProbeFactsTableName,
    });
  });

  it('names the outputs a stack lacks', async () => {
    const { ProbeOwner: _owner, ...partial } = OUTPUTS;
    stackWith(partial);
    await expect(
      withStackOutputs({ instanceType: [] }, 'batch-ami-auditor-prod', cfn),
    ).rejects.toThrow(
      '--stack batch-ami-auditor-prod: the stack has no output ProbeOwner: is it a batch-ami-auditor stack?',
    );
  });

  it('names the action when DescribeStacks is denied', async () => {
    mock
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    const denied = withStackOutputs({ instanceType: [] }, 'batch-ami-auditor-prod', cfn);
    await expect(denied).rejects.toBeInstanceOf(AwsAccessDeniedError);
    await expect(denied).rejects.toThrow('cloudformation:DescribeStacks was denied');
  });
});
