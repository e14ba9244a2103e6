/**
 * JUnit XML for CI systems and Packer/Image Builder pipelines: one `<testsuite>` per target,
 * one `<testcase>` per rule.
 *
 * A test case fails exactly when its finding decides the verdict, so the JUnit view and the
 * exit code agree:
 * - required FAIL → `<failure type="fail">`; required INCONCLUSIVE → `<failure type="inconclusive">`;
 *   required ERROR → `<error>`;
 * - recommended/advisory FAIL, INCONCLUSIVE or ERROR → `<skipped>` whose message starts with
 *   `warning:` (CI shows it, the build stays green, as the exit code does);
 * - a FAIL, INCONCLUSIVE or ERROR under a waiver in force → `<skipped>` whose message starts with
 *   `waived:` (an expired waiver no longer applies: the case fails as it would without one);
 * - NOT_APPLICABLE → `<skipped>`; PASS → a passing case whose `<system-out>` holds the evidence.
 */
import type { AuditReport } from '../core/report';
import type { Finding } from '../core/rule';
import {
  isProblem,
  isWaivedProblem,
  isWarning,
  type ReportDocument,
  reportsOf,
  waiverNote,
} from './document';

// Characters XML 1.0 cannot carry at all, even escaped (controls, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `value` as XML character data or an attribute value: escaped, with invalid characters removed. */
export function xmlEscape(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** An attribute value: newlines too are escaped, or parsers would fold them into spaces. */
function attr(value: string): string {
  return xmlEscape(value).replace(/\n/g, '&#10;');
}

function attrs(pairs: Readonly<Record<string, string | number>>): string {
  return Object.entries(pairs)
    .map(([name, value]) => ` ${name}="${attr(String(value))}"`)
    .join('');
}

interface CaseCounts {
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

function countsOf(findings: readonly Finding[]): CaseCounts {
  const required = findings.filter(isProblem);
  return {
    failures: required.filter((f) => f.status !== 'ERROR').length,
    errors: required.filter((f) => f.status === 'ERROR').length,
    skipped: findings.filter(
      (f) => isWarning(f) || isWaivedProblem(f) || f.status === 'NOT_APPLICABLE',
    ).length,
  };
}

/** Renders a report or run as JUnit XML. */
export function renderJunit(document: ReportDocument): string {
  const reports = reportsOf(document);
  const all = reports.flatMap((r) => r.findings);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'batch-ami-auditor', tests: all.length, ...countsOf(all), time: 0 })}>`,
    ...reports.flatMap(suiteLines),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function suiteLines(report: AuditReport): string[] {
  const { target } = report;
  const properties: [string, string | undefined][] = [
    ['verdict', report.verdict],
    ['verdictReason', report.verdictReason],
    ['target.kind', target.kind],
    ['target.amiId', target.amiId],
    ['target.hostname', target.hostname],
    [
      'target.computeEnvironment',
      target.computeEnvironment?.arn ?? target.computeEnvironment?.name,
    ],
    ['target.origin', target.origin],
    ['target.region', target.region],
    ['target.accountId', target.accountId],
    ['tool.version', report.tool.version],
  ];
  const suite = attrs({
    name: target.label,
    tests: report.findings.length,
    ...countsOf(report.findings),
    time: 0,
    timestamp: report.generatedAt,
  });
  return [
    `  <testsuite${suite}>`,
    '    <properties>',
    ...properties
      .filter((p): p is [string, string] => p[1] !== undefined)
      .map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    ...report.findings.flatMap((f) => caseLines(f, target.label)),
    '  </testsuite>',
  ];
}

function caseLines(finding: Finding, classname: string): string[] {
  const open = `    <testcase${attrs({ name: finding.ruleId, classname, time: 0 })}>`;
  const details = xmlEscape(detailsOf(finding));
  if (isProblem(finding)) {
    const element = finding.status === 'ERROR' ? 'error' : 'failure';
    const type = finding.status === 'ERROR' ? 'error' : finding.status.toLowerCase();
    return [
      open,
      `      <${element}${attrs({ message: finding.message, type })}>${details}</${element}>`,
      '    </testcase>',
    ];
  }
  if (isWarning(finding)) {
    const message = `warning: ${finding.level} rule ${finding.status}: ${finding.message}`;
    return [
      open,
      `      <skipped${attrs({ message })}/>`,
      `      <system-out>${details}</system-out>`,
      '    </testcase>',
    ];
  }
  if (isWaivedProblem(finding)) {
    const message = `waived: ${finding.level} rule ${finding.status}: ${finding.message}`;
    return [
      open,
      `      <skipped${attrs({ message })}/>`,
      `      <system-out>${details}</system-out>`,
      '    </testcase>',
    ];
  }
  if (finding.status === 'NOT_APPLICABLE') {
    return [
      open,
      `      <skipped${attrs({ message: `not applicable: ${finding.message}` })}/>`,
      '    </testcase>',
    ];
  }
  return [open, `      <system-out>${details}</system-out>`, '    </testcase>'];
}

/** The body a CI system shows under a test case: what, why, evidence and the fix. */
function detailsOf(finding: Finding): string {
  const lines = [
    `${finding.title} (${finding.level}, ${finding.severity})`,
    `${finding.status}: ${finding.message}`,
  ];
  const waiver = waiverNote(finding);
  if (waiver) lines.push(waiver);
  if (finding.evidence.length > 0) lines.push('Evidence:');
  for (const e of finding.evidence) {
    const exit = e.exitStatus === undefined ? '' : ` (exit ${e.exitStatus})`;
    lines.push(`  ${e.source}: ${e.observed}${exit}`);
  }
  if (finding.status !== 'PASS') {
    lines.push(`Impact: ${finding.impact}`, `Fix: ${finding.remediation}`);
  }
  lines.push(`Spec: ${finding.specUrl}`);
  return lines.join('\n');
}
