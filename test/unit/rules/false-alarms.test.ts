/**
 * Naive checks raise false alarms on official ECS-optimized AMIs (reference §7).
 * These pin the cases that must not, and the neighbouring ones that must.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/core/engine';
import type { HostFacts } from '../../../shared/core/host-facts';
import type { AuditSubject } from '../../../shared/core/subject';
import { findRule, rulesFor } from '../../../shared/rules';
import {
  envFile,
  fact,
  GPU_CE,
  hostFacts,
  hostSubject,
  unknownFact,
} from '../../support/host-facts-builder';

/** These are host audits: the host rules, as `batch-ami-audit host` runs them. */
const HOST_RULES = rulesFor(['host']);

function finding(ruleId: string, subject: AuditSubject) {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const [result] = evaluate(subject, [rule]);
  return result;
}

/** Every fact of `host` replaced by an unknown one. */
function everythingUnknown(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  if ('known' in value) return unknownFact('the collector timed out');
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, everythingUnknown(v)]));
}

describe('official ECS-optimized AMIs fail no required rule', () => {
  it.each([
    ['AL2023', hostSubject('al2023')],
    ['AL2', hostSubject('al2')],
    ['AL2023 GPU', hostSubject('al2023-gpu')],
    [
      'AL2023 GPU for a GPU compute environment',
      hostSubject('al2023-gpu', {}, { context: GPU_CE }),
    ],
  ])('%s', (_, subject) => {
    const failed = evaluate(subject, HOST_RULES).filter(
      (f) => f.level === 'required' && f.status !== 'PASS',
    );
    expect(
      failed.filter((f) => f.status !== 'NOT_APPLICABLE').map((f) => [f.ruleId, f.message]),
    ).toEqual([]);
  });
});

describe('awslogs', () => {
  it('passes when /etc/ecs/ecs.config has only what Batch user data writes (no awslogs line)', () => {
    const subject = hostSubject('al2023', {
      ecs: { etcConfig: envFile('/etc/ecs/ecs.config', { ECS_CLUSTER: 'AWSBatch-ce-1a2b3c' }) },
    });
    expect(finding('awslogs-logging-driver', subject)?.status).toBe('PASS');
  });

  it('fails, naming the file, when /etc/ecs/ecs.config narrows the list to ["json-file"]', () => {
    const subject = hostSubject('al2023', {
      ecs: {
        etcConfig: envFile('/etc/ecs/ecs.config', {
          ECS_AVAILABLE_LOGGING_DRIVERS: '["json-file"]',
        }),
      },
    });
    expect(finding('awslogs-logging-driver', subject)).toMatchObject({
      status: 'FAIL',
      message: expect.stringContaining(
        '/etc/ecs/ecs.config sets ECS_AVAILABLE_LOGGING_DRIVERS=["json-file"]',
      ),
    });
  });
});

describe('GPU', () => {
  it('passes with ECS_ENABLE_GPU_SUPPORT only in /var/lib/ecs/ecs.config', () => {
    const subject = hostSubject('al2023-gpu', {}, { context: GPU_CE });
    expect(subject.host?.ecs.etcConfig).toMatchObject({ known: true, value: { entries: [] } });
    expect(finding('gpu-ecs-support-enabled', subject)).toMatchObject({
      status: 'PASS',
      message: expect.stringContaining('/var/lib/ecs/ecs.config'),
    });
  });

  it('passes with the nvidia runtime registered only through /etc/docker-runtimes.d/nvidia', () => {
    const subject = hostSubject('al2023-gpu', {
      docker: {
        runtimes: fact(['io.containerd.runc.v2', 'runc']),
        daemonJson: fact(null),
        defaultRuntime: fact('runc'),
      },
    });
    expect(finding('gpu-nvidia-runtime', subject)).toMatchObject({
      status: 'PASS',
      message: expect.stringContaining('docker-runtimes.d'),
    });
  });
});

describe('unknown facts', () => {
  const unknownHost = everythingUnknown(hostFacts('al2023')) as HostFacts;

  it.each([
    ['with no context', {}],
    ['for a GPU compute environment', { context: GPU_CE }],
  ])('are INCONCLUSIVE, never PASS or FAIL, %s', (_, rest) => {
    const findings = evaluate({ ...rest, host: unknownHost }, HOST_RULES);
    expect(
      findings
        .filter((f) => f.status !== 'INCONCLUSIVE')
        .map((f) => [f.ruleId, f.status, f.message]),
    ).toEqual([]);
    for (const f of findings) expect(f.message).toMatch(/unknown|could not|timed out/i);
  });
});
