/**
 * Verdicts the real registry gives for official and broken hosts. A host audit runs
 * the host rules, as `batch-ami-audit host` does; a full audit adds the image rules.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, failedRuleIds, verdictOf } from '../../../shared/core/engine';
import type { AuditSubject } from '../../../shared/core/subject';
import { rulesFor } from '../../../shared/rules';
import {
  BOOT_TIME,
  ECS_SERVICE,
  envFile,
  fact,
  GPU_CE,
  hostSubject,
} from '../../support/host-facts-builder';
import { OFFICIAL_IMAGE, servingInstanceTypes } from '../../support/image-facts-builder';

const HOST_RULES = rulesFor(['host']);

describe('official and supported setups pass', () => {
  it.each([
    ['AL2023', hostSubject('al2023'), []],
    ['AL2', hostSubject('al2'), []],
    ['AL2023 GPU for a GPU CE', hostSubject('al2023-gpu', {}, { context: GPU_CE }), []],
    // Recommended and advisory findings are warnings: they never change the verdict.
    [
      'Ubuntu with amazon-ecs-init',
      hostSubject('ubuntu-ecs-init'),
      ['docker-version-tested', 'multi-node-compatible'],
    ],
    [
      'hand-written agent unit',
      hostSubject('hand-written-unit'),
      ['docker-version-tested', 'multi-node-compatible'],
    ],
    [
      'AL1 with an old agent',
      hostSubject('al1-upstart'),
      ['ecs-agent-current', 'docker-version-tested'],
    ],
  ])('%s', (_, subject, warnings) => {
    const findings = evaluate(subject, HOST_RULES);
    expect(verdictOf(findings)).toBe('PASS');
    expect(failedRuleIds(findings)).toEqual(warnings);
  });
});

describe('a full audit (image and host) with every registered rule', () => {
  it('passes an official AMI for a compute environment it serves', () => {
    const subject = hostSubject(
      'al2023',
      {},
      {
        image: OFFICIAL_IMAGE,
        context: servingInstanceTypes(['optimal', 'c5.large']),
        evaluatedAt: '2026-09-01T00:00:00Z',
      },
    );
    const findings = evaluate(subject, rulesFor(['image', 'host']));
    expect(verdictOf(findings)).toBe('PASS');
    expect(failedRuleIds(findings)).toEqual([]);
    // With image metadata, image-hvm judges the virtualization type, not the host rule.
    expect(findings.find((f) => f.ruleId === 'hvm-virtualization')?.status).toBe('NOT_APPLICABLE');
  });

  it('fails on the image rule when the AMI is paravirtual', () => {
    const subject = hostSubject(
      'al2023',
      {},
      {
        image: { ...OFFICIAL_IMAGE, virtualizationType: 'paravirtual' },
        context: servingInstanceTypes(['optimal']),
        evaluatedAt: '2026-09-01T00:00:00Z',
      },
    );
    const findings = evaluate(subject, rulesFor(['image', 'host']));
    expect(verdictOf(findings)).toBe('FAIL');
    expect(failedRuleIds(findings)).toEqual(['image-hvm']);
  });
});

const BROKEN: [string, AuditSubject, string[]][] = [
  [
    'no agent at all',
    hostSubject('no-agent'),
    [
      'ecs-agent-installed',
      'ecs-agent-starts-at-boot',
      'ecs-agent-supervised',
      'awslogs-logging-driver',
      'multi-node-compatible',
    ],
  ],
  [
    'awslogs removed in /etc/ecs/ecs.config',
    hostSubject('al2023', {
      ecs: {
        etcConfig: envFile('/etc/ecs/ecs.config', {
          ECS_AVAILABLE_LOGGING_DRIVERS: '["json-file","syslog"]',
        }),
      },
    }),
    ['awslogs-logging-driver'],
  ],
  [
    'ecs.service left disabled',
    hostSubject('al2023', {
      ecs: { services: fact([{ ...ECS_SERVICE, enabledAtBoot: fact(false) }]) },
    }),
    ['ecs-agent-starts-at-boot'],
  ],
  [
    'checkpoint baked into the image',
    hostSubject('al2023', {
      ecs: {
        checkpointFiles: fact([
          { path: '/var/lib/ecs/data/agent.db', modifiedAt: BOOT_TIME - 3600 },
        ]),
      },
    }),
    ['no-agent-checkpoint'],
  ],
  [
    'paravirtual Xen guest',
    hostSubject('al2', { virtualization: { dmiPresent: fact(false), dmiVendor: fact(null) } }),
    ['hvm-virtualization'],
  ],
  [
    'GPU AMI without the nvidia runtime',
    hostSubject(
      'al2023-gpu',
      { docker: { runtimes: fact(['runc']), runtimesDir: fact([]) } },
      { context: GPU_CE },
    ),
    ['gpu-nvidia-runtime'],
  ],
  [
    'GPU AMI without ECS_ENABLE_GPU_SUPPORT',
    hostSubject('al2023-gpu', { ecs: { varLibConfig: fact(null) } }, { context: GPU_CE }),
    ['gpu-ecs-support-enabled'],
  ],
  [
    'old Docker',
    hostSubject('al2023', {
      docker: {
        serverVersion: fact('1.7.1'),
        clientVersion: fact('1.7.1'),
        apiVersion: fact('1.19'),
      },
    }),
    ['awslogs-logging-driver', 'docker-version', 'docker-version-tested'],
  ],
];

describe('broken setups fail on exactly the expected rules', () => {
  it.each(BROKEN)('%s', (_, subject, expected) => {
    const findings = evaluate(subject, HOST_RULES);
    expect(failedRuleIds(findings)).toEqual(expected);
    expect(verdictOf(findings)).toBe('FAIL');
  });
});

describe('a GPU AMI probed without a GPU', () => {
  it('is INCONCLUSIVE (needs a GPU probe), not PASS', () => {
    const subject = hostSubject(
      'al2023-gpu',
      { gpu: { nvidiaPciDevices: fact(0), driverLoaded: fact(false), driverVersion: fact(null) } },
      { context: GPU_CE },
    );
    const findings = evaluate(subject, HOST_RULES);
    expect(verdictOf(findings)).toBe('INCONCLUSIVE');
    expect(findings.find((f) => f.ruleId === 'gpu-driver-loaded')?.message).toMatch(
      /needs a GPU probe/,
    );
  });
});
