/**
 * Test cases for every registered rule, by rule id, in registry order. Add a module
 * named after the rule (exporting `cases`) and list it here; the registry meta-test
 * fails for a registered rule without at least one passing and one failing case.
 */

import { cases as amiResolvable } from './ami-resolvable';
import { cases as awslogsLoggingDriver } from './awslogs-logging-driver';
import { cases as dockerRunning } from './docker-running';
import { cases as dockerVersion } from './docker-version';
import { cases as dockerVersionTested } from './docker-version-tested';
import { cases as ecsAgentCurrent } from './ecs-agent-current';
import { cases as ecsAgentInstalled } from './ecs-agent-installed';
import { cases as ecsAgentStartsAtBoot } from './ecs-agent-starts-at-boot';
import { cases as ecsAgentSupervised } from './ecs-agent-supervised';
import { cases as gpuDriverLoaded } from './gpu-driver-loaded';
import { cases as gpuEcsSupportEnabled } from './gpu-ecs-support-enabled';
import { cases as gpuNvidiaRuntime } from './gpu-nvidia-runtime';
import { cases as hvmVirtualization } from './hvm-virtualization';
import { cases as imageArchitecture } from './image-architecture';
import { cases as imageAvailable } from './image-available';
import { cases as imageBootMode } from './image-boot-mode';
import { cases as imageDeprecated } from './image-deprecated';
import { cases as imageEnaSupport } from './image-ena-support';
import { cases as imageHvm } from './image-hvm';
import { cases as imageLinux } from './image-linux';
import { cases as imageRootVolume } from './image-root-volume';
import { cases as joinAgentRegistered } from './join-agent-registered';
import { cases as joinAwslogsAdvertised } from './join-awslogs-advertised';
import { cases as kernelVersion } from './kernel-version';
import { cases as multiNodeCompatible } from './multi-node-compatible';
import { cases as noAgentCheckpoint } from './no-agent-checkpoint';
import type { RuleCases } from './types';

export type { RuleCase, RuleCases } from './types';

export const RULE_CASES: Readonly<Record<string, RuleCases>> = {
  'ami-resolvable': amiResolvable,
  // Image rules.
  'image-available': imageAvailable,
  'image-linux': imageLinux,
  'image-hvm': imageHvm,
  'image-architecture': imageArchitecture,
  'image-ena-support': imageEnaSupport,
  'image-boot-mode': imageBootMode,
  'image-deprecated': imageDeprecated,
  'image-root-volume': imageRootVolume,
  // Host rules.
  'kernel-version': kernelVersion,
  'hvm-virtualization': hvmVirtualization,
  'ecs-agent-installed': ecsAgentInstalled,
  'ecs-agent-starts-at-boot': ecsAgentStartsAtBoot,
  'ecs-agent-supervised': ecsAgentSupervised,
  'ecs-agent-current': ecsAgentCurrent,
  'awslogs-logging-driver': awslogsLoggingDriver,
  'docker-version': dockerVersion,
  'docker-running': dockerRunning,
  'docker-version-tested': dockerVersionTested,
  'no-agent-checkpoint': noAgentCheckpoint,
  'multi-node-compatible': multiNodeCompatible,
  'gpu-driver-loaded': gpuDriverLoaded,
  'gpu-nvidia-runtime': gpuNvidiaRuntime,
  'gpu-ecs-support-enabled': gpuEcsSupportEnabled,
  // Join-test rules.
  'join-agent-registered': joinAgentRegistered,
  'join-awslogs-advertised': joinAwslogsAdvertised,
};
