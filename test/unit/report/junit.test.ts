import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../shared/report/junit';
import {
  erroredReport,
  failingReport,
  HOSTILE,
  hostileReport,
  inconclusiveReport,
  passingReport,
  run,
} from './support/reports';
import { findAll, parseXml, type XmlElement } from './support/xml';

function testcase(suite: XmlElement, ruleId: string): XmlElement {
  const found = findAll(suite, 'testcase').find((c) => c.attributes.name === ruleId);
  if (!found) throw new Error(`no testcase ${ruleId}`);
  return found;
}

describe('the test XML reader', () => {
  it.each([
    ['misnested tags', '<a><b></a></b>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a raw < in an attribute', '<a x="<"/>'],
    ['CDATA end in text', '<a>]]></a>'],
    ['a control character', '<a>\u0001</a>'],
    ['an unclosed element', '<a><b>'],
    ['two roots', '<a/><b/>'],
  ])('rejects %s', (_what, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});

describe('renderJunit', () => {
  it('writes one testsuite per target and one testcase per rule, with matching counts', () => {
    const root = parseXml(renderJunit(run));
    const suites = findAll(root, 'testsuite');

    expect(root.name).toBe('testsuites');
    expect(suites.map((s) => s.attributes.name)).toEqual([
      'old-box',
      'good-box',
      'ami-0abc (my-ce)',
    ]);
    for (const [suite, report] of suites.map((s, i) => [s, run.reports[i]] as const)) {
      const cases = findAll(suite, 'testcase');
      expect(cases.map((c) => c.attributes.name)).toEqual(report?.findings.map((f) => f.ruleId));
      expect(Number(suite.attributes.tests)).toBe(cases.length);
      expect(Number(suite.attributes.failures)).toBe(findAll(suite, 'failure').length);
      expect(Number(suite.attributes.errors)).toBe(findAll(suite, 'error').length);
      expect(Number(suite.attributes.skipped)).toBe(findAll(suite, 'skipped').length);
    }
    expect(Number(root.attributes.tests)).toBe(findAll(root, 'testcase').length);
    expect(Number(root.attributes.failures)).toBe(2);
  });

  it('fails a required FAIL with the message, evidence and fix', () => {
    const suite = findAll(parseXml(renderJunit(failingReport)), 'testsuite')[0] as XmlElement;
    const failure = findAll(testcase(suite, 'kernel-version'), 'failure')[0];

    expect(failure?.attributes).toMatchObject({
      type: 'fail',
      message: 'Kernel 3.2.0-4-amd64 is older than 3.10, the minimum AWS Batch supports.',
    });
    expect(failure?.text).toContain('cmd:uname -r: 3.2.0-4-amd64 (exit 0)');
    expect(failure?.text).toContain('Fix: Rebuild the AMI from a current base image');
    expect(
      suite.children[0]?.children.map((p) => [p.attributes.name, p.attributes.value]),
    ).toContainEqual(['verdict', 'FAIL']);
  });

  it('keeps the build green for warnings: a recommended FAIL is skipped with a warning message', () => {
    const suite = findAll(parseXml(renderJunit(failingReport)), 'testsuite')[0] as XmlElement;
    const warning = testcase(suite, 'ecs-agent-current');

    expect(findAll(warning, 'failure')).toEqual([]);
    expect(findAll(warning, 'skipped')[0]?.attributes.message).toBe(
      'warning: recommended rule FAIL: ECS agent 1.50.0 is older than the latest 1.106.1.',
    );
    expect(findAll(testcase(suite, 'nvidia-runtime'), 'skipped')[0]?.attributes.message).toBe(
      'not applicable: Not a GPU AMI.',
    );
    expect(testcase(suite, 'docker-version').children.map((c) => c.name)).toEqual(['system-out']);
  });

  it('marks a required INCONCLUSIVE as a failure of type inconclusive, and ERROR as an error', () => {
    const inconclusive = parseXml(renderJunit(inconclusiveReport));
    const errored = parseXml(renderJunit(erroredReport));

    expect(findAll(inconclusive, 'failure')[0]?.attributes.type).toBe('inconclusive');
    expect(findAll(errored, 'error')[0]?.attributes.message).toBe(
      'The rule could not be evaluated: boom',
    );
    expect(findAll(errored, 'failure')).toEqual([]);
  });

  it('has no failures for a passing report', () => {
    const root = parseXml(renderJunit(passingReport));
    expect(root.attributes).toMatchObject({ failures: '0', errors: '0', skipped: '1' });
  });

  it('escapes hostile text and drops characters XML cannot carry, keeping the rest readable', () => {
    const xml = renderJunit(hostileReport);
    const root = parseXml(xml); // throws if not well-formed

    const readable = ['\u0000', '\u001b', '\uFFFE', '\uD800'].reduce(
      (t, c) => t.replaceAll(c, ''),
      HOSTILE,
    );
    const failure = findAll(root, 'failure')[0];
    expect(failure?.attributes.message).toBe(readable);
    expect(failure?.text).toContain(readable);
    expect(findAll(root, 'testsuite')[0]?.attributes.name).toBe('evil <box> & "co"');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
  });
});
