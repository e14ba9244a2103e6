/**
 * The rule registry: every rule the auditor knows, in the order reports list them.
 * Explicit imports (no directory scanning) so bundlers see every rule.
 * Image rules first, then host rules, then join-test rules.
 */
import type { Rule, RuleScope } from '../core/rule';
import { imageArchitecture } from './image-architecture';
import { imageAvailable } from './image-available';
import { imageBootMode } from './image-boot-mode';
import { imageDeprecated } from './image-deprecated';
import { imageEnaSupport } from './image-ena-support';
import { imageHvm } from './image-hvm';
import { imageLinux } from './image-linux';
import { imageRootVolume } from './image-root-volume';
import { kernelVersion } from './kernel-version';

export const RULES: readonly Rule[] = [
  imageAvailable,
  imageLinux,
  imageHvm,
  imageArchitecture,
  imageEnaSupport,
  imageBootMode,
  imageDeprecated,
  imageRootVolume,
  kernelVersion,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

/** The rules of the given scopes, in registry order. */
export function rulesFor(scopes: readonly RuleScope[]): readonly Rule[] {
  return RULES.filter((rule) => scopes.includes(rule.scope));
}
