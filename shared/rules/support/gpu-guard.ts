/** The shared opening of the GPU rules: is there a host, and do GPU rules apply to it? */
import { type GpuScope, gpuScope } from '../../core/derive/gpu-scope';
import type { HostFacts } from '../../core/host-facts';
import { type Evidence, inconclusive, notApplicable, type RuleResult } from '../../core/rule';
import type { AuditSubject } from '../../core/subject';
import { noHostFacts } from './host-guard';

export type GpuSubject =
  | { readonly applies: false; readonly result: RuleResult }
  | {
      readonly applies: true;
      readonly host: HostFacts;
      readonly scope: GpuScope;
      readonly evidence: readonly Evidence[];
    };

/** NOT_APPLICABLE when no GPU is involved, INCONCLUSIVE when that cannot be told. */
export function gpuSubject(subject: AuditSubject): GpuSubject {
  const { host } = subject;
  if (!host) return { applies: false, result: noHostFacts(subject) };
  const scope = gpuScope(host, subject.context);
  if (!scope.known)
    return { applies: false, result: inconclusive(`${scope.reason}.`, scope.evidence) };
  if (!scope.value.applies) {
    return { applies: false, result: notApplicable(`No GPU workloads: ${scope.value.why}.`) };
  }
  return { applies: true, host, scope: scope.value, evidence: scope.evidence };
}

/**
 * The clause all GPU rules enforce. The current Batch GPU page lists no driver,
 * runtime or ECS setting; those come from what the ECS stack needs (reference §1.3, §3.4).
 */
export const GPU_SPEC = {
  quote:
    'To run GPU workloads on your AWS Batch compute resources, you must use an AMI with GPU support.',
  url: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-gpu-ami.html',
} as const;

/** The GPU rules' NOT_APPLICABLE outcome, for the catalogue. */
export const GPU_NOT_APPLICABLE =
  'The compute environment runs no GPU workloads and the host has no NVIDIA GPU (or, with no compute environment given, the host has none).';
