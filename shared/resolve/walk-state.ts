/**
 * What one walk of the selection order accumulates (draft targets, problems, notes, the reads
 * it lacked), and turning the drafts into de-duplicated targets.
 */
import type { InstanceTypeInfo } from '../core/subject';
import { isGpuImageType } from './batch-defaults';
import { commonArchitecture, instanceTypeInfo } from './instance-types';
import type {
  LaunchTemplateRef,
  ResolutionProblem,
  ResolvedTarget,
  ResolveInput,
  TargetOrigin,
} from './types';

/** `plan`: collect the reads a resolution needs; `resolve`: report missing reads as problems. */
export type WalkMode = 'resolve' | 'plan';

/** The reads the walk wanted and did not have. */
export interface Needs {
  readonly launchTemplates: Map<string, LaunchTemplateRef>;
  readonly parameters: Set<string>;
  registeredInstancesOf?: string;
}

/** A target before de-duplication: one setting choosing one AMI for some instance types. */
interface Draft {
  readonly amiId: string;
  readonly origin: TargetOrigin;
  readonly imageType?: string;
  readonly instanceTypes: readonly string[];
}

export interface WalkState {
  readonly input: ResolveInput;
  readonly mode: WalkMode;
  readonly drafts: Draft[];
  readonly problems: ResolutionProblem[];
  readonly notes: string[];
  readonly needs: Needs;
}

export function newWalkState(input: ResolveInput, mode: WalkMode): WalkState {
  return {
    input,
    mode,
    drafts: [],
    problems: [],
    notes: [],
    needs: { launchTemplates: new Map(), parameters: new Set() },
  };
}

/** Details of an instance type: what the adapter described, else the table. */
export function info(state: WalkState, type: string): InstanceTypeInfo {
  return instanceTypeInfo(type, state.input.describedInstanceTypes);
}

export function addDraft(
  state: WalkState,
  amiId: string,
  origin: TargetOrigin,
  imageType: string | undefined,
  instanceTypes: readonly string[],
): void {
  state.drafts.push({ amiId, origin, ...(imageType ? { imageType } : {}), instanceTypes });
}

export function problem(
  state: WalkState,
  code: ResolutionProblem['code'],
  verdict: ResolutionProblem['verdict'],
  message: string,
  instanceTypes?: readonly string[],
): void {
  state.problems.push({
    code,
    verdict,
    message,
    ...(instanceTypes && instanceTypes.length > 0 ? { instanceTypes } : {}),
  });
}

export function noteOnce(state: WalkState, note: string): void {
  if (!state.notes.includes(note)) state.notes.push(note);
}

/** One target per AMI, serving every instance type any of its origins serves. */
export function targetsOf(state: WalkState): ResolvedTarget[] {
  const described = state.input.describedInstanceTypes;
  return [...Map.groupBy(state.drafts, (d) => d.amiId)].map(([amiId, group]) => {
    const [first, ...rest] = group as [Draft, ...Draft[]];
    const instanceTypes = [...new Set(group.flatMap((d) => d.instanceTypes))];
    const infos = instanceTypes.map((type) => instanceTypeInfo(type, described));
    const architecture = infos.length > 0 ? commonArchitecture(infos) : undefined;
    return {
      amiId,
      origin: first.origin,
      ...(rest.length > 0 ? { otherOrigins: rest.map((d) => d.origin) } : {}),
      ...(first.imageType ? { imageType: first.imageType } : {}),
      instanceTypes,
      instanceTypeInfo: infos,
      ...(architecture ? { expectedArchitecture: architecture } : {}),
      gpu: group.some((d) => isGpuImageType(d.imageType)) || infos.some((i) => i.gpu),
    };
  });
}
