/**
 * The ECS-optimized baseline (latest agent and Docker versions) the
 * freshness rules compare a probed host against, from SSM public parameters.
 *
 * IAM: ssm:GetParameters on arn:aws:ssm:<region>::parameter/aws/service/ecs/*.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { HostFacts } from '../../core/host-facts';
import type { Baseline, ImageFacts } from '../../core/subject';
import type { BaselineSource } from '../../probe/ports';
import { getParameters } from '../ssm-parameters';

const ROOT = '/aws/service/ecs/optimized-ami';

export class SsmBaselineSource implements BaselineSource {
  private readonly ssm: SSMClient;

  constructor(ssm: SSMClient) {
    this.ssm = ssm;
  }

  async baselineFor(image: ImageFacts, host: HostFacts | undefined): Promise<Baseline | undefined> {
    const name = baselineParameter(image, host);
    const value = (await getParameters(this.ssm, [name])).get(name);
    return value === undefined ? undefined : toBaseline(name, value);
  }
}

/** The recommended-AMI parameter for the host's Amazon Linux generation and architecture. */
export function baselineParameter(image: ImageFacts, host: HostFacts | undefined): string {
  const version = host?.os.versionId.known ? host.os.versionId.value : undefined;
  const family = version === '2' ? 'amazon-linux-2' : 'amazon-linux-2023';
  const arch = image.architecture === 'arm64' ? '/arm64' : '';
  return `${ROOT}/${family}${arch}/recommended`;
}

/** AWS returns the value as a JSON string; emulators may return it parsed. */
export function toBaseline(source: string, value: unknown): Baseline | undefined {
  let document: unknown = value;
  if (typeof value === 'string') {
    try {
      document = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!document || typeof document !== 'object') return undefined;
  const fields = document as Record<string, unknown>;
  const text = (key: string) =>
    typeof fields[key] === 'string' ? (fields[key] as string) : undefined;
  const docker = text('ecs_runtime_version')?.replace(/^Docker version\s*/i, '');
  return {
    source: `ssm:${source}`,
    ...(text('ecs_agent_version') ? { ecsAgentVersion: text('ecs_agent_version') } : {}),
    ...(docker ? { dockerVersion: docker } : {}),
    ...(text('image_name') ? { imageName: text('image_name') } : {}),
  };
}
