/**
 * The probe's SSM adapter: is the instance online, run the collector, read
 * the result.
 *
 * IAM: ssm:DescribeInstanceInformation and ssm:GetCommandInvocation
 * (Resource "*": no resource-level permissions); ssm:SendCommand on the
 * AWS-RunShellScript document and only on instances that carry the owner tag.
 */
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { CommandInvocation, ProbeDeps, ProbeSsm, SendCollectorInput } from '../../probe/ports';
import { call, errorName } from '../errors';
import { getParameters } from '../ssm-parameters';
import type { PortFactory } from './port-context';

/** How long SSM may take to deliver the command to the agent (its minimum is 30 s). */
const DELIVERY_TIMEOUT_SECONDS = 60;

export class SsmProbe implements ProbeSsm {
  private readonly ssm: SSMClient;

  constructor(ssm: SSMClient) {
    this.ssm = ssm;
  }

  async isOnline(instanceId: string): Promise<boolean> {
    const { InstanceInformationList = [] } = await call('ssm:DescribeInstanceInformation', () =>
      this.ssm.send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: 'InstanceIds', Values: [instanceId] }],
        }),
      ),
    );
    return InstanceInformationList.some(
      (info) => info.InstanceId === instanceId && info.PingStatus === 'Online',
    );
  }

  async sendCollector(input: SendCollectorInput): Promise<string> {
    const response = await call('ssm:SendCommand', () =>
      this.ssm.send(
        new SendCommandCommand({
          DocumentName: 'AWS-RunShellScript',
          // By instance id, never by tag or "all instances": the command reaches the probe only.
          InstanceIds: [input.instanceId],
          Parameters: {
            commands: [input.script],
            executionTimeout: [String(input.timeoutSeconds)],
          },
          TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
          Comment: input.comment,
          ...(input.outputBucket
            ? { OutputS3BucketName: input.outputBucket, OutputS3KeyPrefix: input.outputPrefix }
            : {}),
        }),
      ),
    );
    const commandId = response.Command?.CommandId;
    if (!commandId) throw new Error('SendCommand answered without a command id');
    return commandId;
  }

  async getInvocation(commandId: string, instanceId: string): Promise<CommandInvocation> {
    try {
      const r = await call('ssm:GetCommandInvocation', () =>
        this.ssm.send(
          new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }),
        ),
      );
      return {
        status: r.Status ?? 'Pending',
        ...(r.StatusDetails ? { statusDetails: r.StatusDetails } : {}),
        ...(r.ResponseCode === undefined || r.ResponseCode < 0
          ? {}
          : { responseCode: r.ResponseCode }),
        stdout: r.StandardOutputContent ?? '',
        stderr: r.StandardErrorContent ?? '',
        ...(r.StandardOutputUrl ? { stdoutUrl: r.StandardOutputUrl } : {}),
      };
    } catch (error) {
      // Right after SendCommand the invocation may not be visible yet (eventual consistency).
      if (errorName(error) === 'InvocationDoesNotExist')
        return { status: 'Pending', stdout: '', stderr: '' };
      throw error;
    }
  }
}

/** The SSM port over its own client (a probe function builds only the ports it uses). */
export const ssmPort: PortFactory<ProbeSsm> = ({ aws }) => new SsmProbe(new SSMClient(aws));

/**
 * The ECS-optimized AMIs' public parameters (ssm:GetParameters on `/aws/service/ecs/*`), read
 * as the pipeline reads them, for the Score task's freshness baseline.
 */
export const publicParametersPort: PortFactory<ProbeDeps['publicParameters']> = ({ aws }) => {
  const ssm = new SSMClient(aws);
  return { parameters: (names) => getParameters(ssm, names) };
};
