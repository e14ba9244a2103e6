import { fail, inconclusive, notApplicable, pass, type Rule } from '../core/rule';

export const amiResolvable: Rule = {
  id: 'ami-resolvable',
  title: 'Every AMI the compute environment can launch can be resolved',
  scope: 'resolution',
  level: 'required',
  severity: 'high',
  spec: {
    quote:
      'The version number of the launch template, $Default, or $Latest. If the value is $Default, the default version of the launch template is used. If the value is $Latest, the latest version of the launch template is used.',
    url: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_LaunchTemplateSpecification.html',
  },
  impact:
    'An instance type with no AMI cannot be launched: a launch template or version that does not exist leaves the compute environment INVALID and its jobs RUNNABLE.',
  remediation:
    'Point the compute environment (or the launch-template override) at a launch template and version that exist and set an ImageId, or remove the reference so Batch uses its default AMI.',
  outcomes: {
    pass: 'Every AMI the compute environment can launch was found.',
    fail: 'The compute environment names a launch template or version that does not exist.',
    inconclusive:
      'The auditor could not tell which AMI some instance types get (a lookup failed or was denied, or no default AMI exists for them).',
    notApplicable: 'Not a resolution audit (no resolution was attempted).',
  },
  check({ resolutionProblems }) {
    if (!resolutionProblems)
      return notApplicable('No AMI resolution was attempted for this subject.');
    if (resolutionProblems.length === 0)
      return pass('Every AMI of the compute environment was resolved.');
    const evidence = resolutionProblems.map((p) => ({
      source: `resolve:${p.code}`,
      observed: p.message,
    }));
    const broken = resolutionProblems.filter((p) => p.verdict === 'FAIL');
    if (broken.length > 0) return fail(broken.map((p) => p.message).join(' '), evidence);
    return inconclusive(resolutionProblems.map((p) => p.message).join(' '), evidence);
  },
};
