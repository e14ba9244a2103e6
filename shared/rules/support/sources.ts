/** Evidence source names in the words a finding's message uses. */
import { ECS_INIT_DEFAULTS_SOURCE } from '../../core/derive/agent-environment';
import type { AgentLaunchKind } from '../../core/derive/agent-launch';
import { AGENT_DEFAULT_SOURCE } from '../../core/derive/logging-drivers';

/** `file:/etc/ecs/ecs.config` -> `/etc/ecs/ecs.config`; built-in defaults by name. */
export function describeSource(source: string): string {
  if (source === ECS_INIT_DEFAULTS_SOURCE) return "ecs-init's default";
  if (source === AGENT_DEFAULT_SOURCE) return "the agent's own default";
  return source.replace(/^file:/, '');
}

const LAUNCHERS: Readonly<Record<AgentLaunchKind, string>> = {
  'ecs-init': 'ecs-init',
  'unit-container': 'a unit that runs the agent container',
  'unit-binary': 'a unit that runs the agent binary',
  'unit-other': 'a unit',
  container: 'a bare agent container',
};

/** How the agent is launched, in words. */
export function describeLauncher(kind: AgentLaunchKind): string {
  return LAUNCHERS[kind];
}
