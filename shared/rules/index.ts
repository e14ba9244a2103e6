/**
 * The rule registry: every rule the auditor knows, in the order reports list them.
 * Explicit imports (no directory scanning) so bundlers see every rule.
 * Resolution first, then image rules, host rules and join-test rules.
 */
import type { Rule, RuleScope } from '../core/rule';
import { amiResolvable } from './ami-resolvable';
import { awslogsLoggingDriver } from './awslogs-logging-driver';
import { dockerRunning } from './docker-running';
import { dockerVersion } from './docker-version';
import { dockerVersionTested } from './docker-version-tested';
import { ecsAgentCurrent } from './ecs-agent-current';
import { ecsAgentInstalled } from './ecs-agent-installed';
import { ecsAgentStartsAtBoot } from './ecs-agent-starts-at-boot';
import { ecsAgentSupervised } from './ecs-agent-supervised';
import { gpuDriverLoaded } from './gpu-driver-loaded';
import { gpuEcsSupportEnabled } from './gpu-ecs-support-enabled';
import { gpuNvidiaRuntime } from './gpu-nvidia-runtime';
import { hvmVirtualization } from './hvm-virtualization';
import { imageArchitecture } from './image-architecture';
import { imageAvailable } from './image-available';
import { imageBootMode } from './image-boot-mode';
import { imageDeprecated } from './image-deprecated';
import { imageEnaSupport } from './image-ena-support';
import { imageHvm } from './image-hvm';
import { imageLinux } from './image-linux';
import { imageRootVolume } from './image-root-volume';
import { joinAgentRegistered } from './join-agent-registered';
import { joinAwslogsAdvertised } from './join-awslogs-advertised';
import { kernelVersion } from './kernel-version';
import { multiNodeCompatible } from './multi-node-compatible';
import { noAgentCheckpoint } from './no-agent-checkpoint';

export const RULES: readonly Rule[] = [
  // Resolution (could the compute environment's AMI be found at all).
  amiResolvable,
  // Image rules (DescribeImages; no instance needed).
  imageAvailable,
  imageLinux,
  imageHvm,
  imageArchitecture,
  imageEnaSupport,
  imageBootMode,
  imageDeprecated,
  imageRootVolume,
  // Host rules (collector facts), in report order.
  kernelVersion,
  hvmVirtualization,
  ecsAgentInstalled,
  ecsAgentStartsAtBoot,
  ecsAgentSupervised,
  ecsAgentCurrent,
  awslogsLoggingDriver,
  dockerVersion,
  dockerRunning,
  dockerVersionTested,
  noAgentCheckpoint,
  multiNodeCompatible,
  gpuDriverLoaded,
  gpuNvidiaRuntime,
  gpuEcsSupportEnabled,
  // Join-test rules (what the ECS control plane saw of a probe instance).
  joinAgentRegistered,
  joinAwslogsAdvertised,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

/** The rules of the given scopes, in registry order. */
export function rulesFor(scopes: readonly RuleScope[]): readonly Rule[] {
  return RULES.filter((rule) => scopes.includes(rule.scope));
}
