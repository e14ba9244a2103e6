/** Synthetic reports for renderer tests: one per verdict, an ERROR, and a multi-target run. */

import type { AuditReport, AuditRun, AuditTarget } from '../../../../shared/core/report';
import { buildReport, buildRun } from '../../../../shared/core/report';
import type { Finding } from '../../../../shared/core/rule';

export const NOW = new Date('2026-11-28T04:00:00.000Z');

/** A finding with plausible metadata; override what the test is about. */
export function finding(overrides: Partial<Finding> & Pick<Finding, 'ruleId' | 'status'>): Finding {
  return {
    title: `${overrides.ruleId} title`,
    scope: 'host',
    level: 'required',
    severity: 'high',
    message: `${overrides.ruleId} message`,
    evidence: [],
    remediation: `${overrides.ruleId} remediation`,
    impact: `${overrides.ruleId} impact`,
    specUrl: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-ami-spec.html',
    ...overrides,
  };
}

const host = (label: string): AuditTarget => ({ kind: 'host', label, hostname: label });

export const kernelFail = finding({
  ruleId: 'kernel-version',
  title: 'Linux kernel is 3.10 or newer',
  status: 'FAIL',
  severity: 'critical',
  message: 'Kernel 3.2.0-4-amd64 is older than 3.10, the minimum AWS Batch supports.',
  evidence: [{ source: 'cmd:uname -r', observed: '3.2.0-4-amd64', exitStatus: 0 }],
  remediation: 'Rebuild the AMI from a current base image whose kernel is 3.10 or newer.',
});

export const agentOldWarning = finding({
  ruleId: 'ecs-agent-current',
  level: 'recommended',
  severity: 'low',
  status: 'FAIL',
  message: 'ECS agent 1.50.0 is older than the latest 1.106.1.',
  remediation: 'Update ecs-init.',
});

export const dockerPass = finding({
  ruleId: 'docker-version',
  status: 'PASS',
  message: 'Docker 25.0.16 is 1.9 or newer.',
});
export const gpuNotApplicable = finding({
  ruleId: 'nvidia-runtime',
  status: 'NOT_APPLICABLE',
  message: 'Not a GPU AMI.',
});

export const passingReport: AuditReport = buildReport({
  target: host('good-box'),
  findings: [
    dockerPass,
    { ...kernelFail, status: 'PASS', message: 'Kernel 6.1.102 is 3.10 or newer.' },
    gpuNotApplicable,
  ],
  toolVersion: '0.1.0',
  now: NOW,
});

export const failingReport: AuditReport = buildReport({
  target: host('old-box'),
  findings: [kernelFail, dockerPass, agentOldWarning, gpuNotApplicable],
  toolVersion: '0.1.0',
  now: NOW,
});

export const inconclusiveReport: AuditReport = buildReport({
  target: { kind: 'ami', label: 'ami-0abc (my-ce)', amiId: 'ami-0abc', region: 'eu-west-1' },
  findings: [
    finding({
      ruleId: 'kernel-version',
      status: 'INCONCLUSIVE',
      message: 'No host facts: the AMI was not booted and inspected.',
      remediation: 'Rebuild the AMI from a current base image.',
    }),
    dockerPass,
  ],
  verdictReason: 'The probe instance never came online in SSM (ssm_never_online).',
  toolVersion: '0.1.0',
  now: NOW,
});

export const erroredReport: AuditReport = buildReport({
  target: host('odd-box'),
  findings: [
    finding({
      ruleId: 'ecs-config',
      status: 'ERROR',
      message: 'The rule could not be evaluated: boom',
    }),
    dockerPass,
  ],
  toolVersion: '0.1.0',
  now: NOW,
});

export const run: AuditRun = buildRun(
  [failingReport, passingReport, inconclusiveReport],
  '0.1.0',
  NOW,
);

/** Text a host could put in its output, aimed at every escaping bug we know of. */
export const HOSTILE =
  'a]]>b <script>alert("x")</script> & c | d `e` *f* \u0000nul \u001b[31mred\u001b[0m \uFFFE \uD800 tab\there\nnewline';

export const hostileReport: AuditReport = buildReport({
  target: host('evil <box> & "co"'),
  findings: [
    finding({
      ruleId: 'kernel-version',
      status: 'FAIL',
      message: HOSTILE,
      evidence: [{ source: 'cmd:uname -r', observed: HOSTILE }],
    }),
    finding({ ruleId: 'docker-version', status: 'PASS', message: HOSTILE }),
  ],
  toolVersion: '0.1.0',
  now: NOW,
});
