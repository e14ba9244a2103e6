/** Join-test facts shared by the join rules' cases. */
import { joinFactsOfRegistration } from '../../../../shared/probe/join-facts';

export const registered = (attributes: string[]) =>
  joinFactsOfRegistration({
    containerInstanceArn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/probe/abc',
    ec2InstanceId: 'i-0abc',
    attributes,
    agentVersion: '1.106.1',
    dockerVersion: 'DockerVersion: 25.0.16',
    gpuIds: [],
  });

export const AWSLOGS = 'com.amazonaws.ecs.capability.logging-driver.awslogs';
export const JSON_FILE = 'com.amazonaws.ecs.capability.logging-driver.json-file';
