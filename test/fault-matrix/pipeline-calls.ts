/**
 * Every AWS call the pipeline makes on a clean run (a compute environment whose AMI passes
 * the image rules and is probed, FAIL on the host), by the component that makes it, in the
 * order of first use. The throttling suite checks this list against a clean run's calls, so
 * it cannot drift from the code; the crash and throttling suites inject a fault at each.
 */
import type { Component } from '../support/fault-injection';

export interface PipelineCall {
  readonly component: Component;
  /** `Service:Operation`. */
  readonly op: string;
  /** What the call is for, in a few words. */
  readonly purpose: string;
}

export const PIPELINE_CALLS: readonly PipelineCall[] = [
  { component: 'handler', op: 'Batch:DescribeComputeEnvironments', purpose: 'describe' },
  { component: 'handler', op: 'SSM:GetParameters', purpose: 'resolve (default-AMI parameters)' },
  { component: 'handler', op: 'EC2:DescribeInstanceTypes', purpose: 'instance types' },
  { component: 'handler', op: 'EC2:DescribeImages', purpose: 'image rules' },
  { component: 'handler', op: 'DynamoDB:GetItem', purpose: 'facts-cache lookup' },
  { component: 'handler', op: 'SFN:StartExecution', purpose: 'probe started' },
  { component: 'handler', op: 'DynamoDB:Query', purpose: 'finding state read, before publish' },
  { component: 'Start', op: 'DynamoDB:GetItem', purpose: 'facts-cache lookup' },
  { component: 'Launch', op: 'EC2:DescribeInstances', purpose: 'adopt a launched instance' },
  { component: 'Launch', op: 'EC2:DescribeImages', purpose: 'is the AMI still there' },
  { component: 'Launch', op: 'EC2:DescribeSubnets', purpose: 'network preflight' },
  { component: 'Launch', op: 'EC2:DescribeRouteTables', purpose: 'network preflight' },
  { component: 'Launch', op: 'EC2:DescribeVpcEndpoints', purpose: 'network preflight' },
  { component: 'Launch', op: 'EC2:DescribeSecurityGroups', purpose: 'probe security group' },
  { component: 'Launch', op: 'EC2:CreateSecurityGroup', purpose: 'probe security group' },
  { component: 'Launch', op: 'EC2:RevokeSecurityGroupEgress', purpose: 'probe security group' },
  { component: 'Launch', op: 'EC2:AuthorizeSecurityGroupEgress', purpose: 'probe security group' },
  { component: 'Launch', op: 'EC2:RunInstances', purpose: 'launch' },
  { component: 'CheckOnline', op: 'EC2:DescribeInstances', purpose: 'still running' },
  { component: 'CheckOnline', op: 'SSM:DescribeInstanceInformation', purpose: 'online in SSM' },
  { component: 'RunCollector', op: 'SSM:SendCommand', purpose: 'run the collector' },
  { component: 'CheckCommand', op: 'SSM:GetCommandInvocation', purpose: 'collector output' },
  { component: 'JoinTest', op: 'ECS:ListContainerInstances', purpose: 'agent registered' },
  { component: 'JoinTest', op: 'ECS:DescribeContainerInstances', purpose: 'agent attributes' },
  { component: 'JoinTest', op: 'ECS:DeregisterContainerInstance', purpose: 'deregister' },
  { component: 'Terminate', op: 'EC2:DescribeInstances', purpose: 'instances by execution tag' },
  { component: 'Terminate', op: 'EC2:TerminateInstances', purpose: 'terminate' },
  { component: 'Score', op: 'DynamoDB:PutItem', purpose: 'cache facts, record state' },
  { component: 'Score', op: 'SSM:GetParameters', purpose: 'baseline' },
  { component: 'Score', op: 'DynamoDB:Query', purpose: 'finding state read' },
  { component: 'Score', op: 'SNS:Publish', purpose: 'alert' },
];

/** The change handler's calls: the steps a crash can fall between. */
export const HANDLER_CALLS = PIPELINE_CALLS.filter((c) => c.component === 'handler');

/**
 * The scheduled sweep's calls on a clean run over two compute environments, one whose AMI it
 * probes and one whose AMI fails the image rules (the sweep's own digest), in the order of first
 * use. The sweep audits through the same reader as the change handler.
 */
export const SWEEP_CALLS: readonly PipelineCall[] = [
  { component: 'sweep', op: 'Batch:DescribeComputeEnvironments', purpose: 'list them all' },
  { component: 'sweep', op: 'SSM:GetParameters', purpose: 'resolve (default-AMI parameters)' },
  { component: 'sweep', op: 'EC2:DescribeInstanceTypes', purpose: 'instance types' },
  { component: 'sweep', op: 'EC2:DescribeImages', purpose: 'image rules' },
  { component: 'sweep', op: 'DynamoDB:GetItem', purpose: 'facts-cache lookup' },
  { component: 'sweep', op: 'SFN:StartExecution', purpose: 'probe started' },
  { component: 'sweep', op: 'DynamoDB:Query', purpose: 'finding state read' },
  { component: 'sweep', op: 'SNS:Publish', purpose: 'digest' },
  { component: 'sweep', op: 'DynamoDB:PutItem', purpose: 'finding state write' },
];

/** The janitor's calls on a run that finds an expired probe, still registered in the cluster. */
export const JANITOR_CALLS: readonly PipelineCall[] = [
  { component: 'janitor', op: 'EC2:DescribeInstances', purpose: 'probes by owner tag' },
  { component: 'janitor', op: 'EC2:TerminateInstances', purpose: 'terminate the expired' },
  { component: 'janitor', op: 'ECS:ListContainerInstances', purpose: 'probe cluster' },
  { component: 'janitor', op: 'ECS:DescribeContainerInstances', purpose: 'their EC2 instances' },
  { component: 'janitor', op: 'ECS:DeregisterContainerInstance', purpose: 'stale registrations' },
];
