/**
 * Test cases for every registered rule, by rule id. Add a module named after the
 * rule (exporting `cases`) and list it here; the registry meta-test fails for a
 * registered rule without at least one passing and one failing case.
 */
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
import { cases as kernelVersion } from './kernel-version';
import { cases as multiNodeCompatible } from './multi-node-compatible';
import { cases as noAgentCheckpoint } from './no-agent-checkpoint';
import type { RuleCases } from './types';

export type { RuleCase, RuleCases } from './types';

export const RULE_CASES: Readonly<Record<string, RuleCases>> = {
  'kernel-version': kernelVersion,
  // Host rules.
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
};
