/**
 * Secrets found on an audited host never leave it, end to end. The probe state machine runs
 * locally with the real tasks (test/support/probe-world.ts), publishing through the stack's
 * notifier to moto SNS/SQS and DynamoDB and logging through the functions' Powertools logger:
 *
 * - on the `secrets-everywhere` fixture host, whose output is the real collector's, with more
 *   credentials added to /etc/ecs/ecs.config, one on the very line a failing host rule quotes;
 *   the CLI scores the same output in every format;
 * - on a probe that never comes online, whose console output holds credentials;
 * - on a collector that fails with credentials in its stderr.
 *
 * No planted value may appear in anything they leave, and `<redacted>` must, where they were.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../shared/report/render';
import { runCli } from '../support/cli';
import { FIXTURE_HOSTS_DIR, readHostJson, runFixtureHost } from '../support/fixture-host';
import { HEALTHY } from '../support/probe-world';
import { type ProbeTraces, RedactionWorld } from './support/redaction-world';

const HOST = 'secrets-everywhere';
const ADDED = { onQuotedLine: 'secret-16-quoted-line', spaced: 'secret-17-spaced' };
/**
 * The agent reads the first JSON array of the value (json-file, none), so awslogs-logging-driver
 * FAILs quoting this line of /etc/ecs/ecs.config; and systemd's EnvironmentFile, which hands
 * ecs.config to the agent, accepts blanks around `=`.
 */
const ADDED_LINES = [
  `ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","none"] AWS_SESSION_TOKEN=${ADDED.onQuotedLine}`,
  `DOCKER_REGISTRY_PASSWORD = ${ADDED.spaced}`,
];
const CONSOLE = {
  key: 'secret-18-console-key',
  url: 'secret-19-console-url',
  text: [
    '[    2.501] cloud-init[812]: + export AWS_SECRET_ACCESS_KEY=secret-18-console-key',
    '[    2.733] cloud-init[812]: pulling https://deploy:secret-19-console-url@registry.example.com/agent',
    '[   31.004] amazon-ssm-agent[1203]: ERROR failed to connect',
  ].join('\r\n'),
};
const STDERR = { token: 'secret-20-stderr' };
const SECRETS = [
  ...(readHostJson(HOST).secrets ?? []),
  ...Object.values(ADDED),
  CONSOLE.key,
  CONSOLE.url,
  STDERR.token,
];
/** Where a probe leaves text, in ProbeTraces. */
const PLACES = [
  'sns',
  'sqs',
  'logs',
  'factsCache',
  'findingStates',
  'stepFunctions',
] as const satisfies readonly (keyof ProbeTraces)[];

const environment = { ...process.env };
let redaction: RedactionWorld;
let collectorOutput: string;
let collected: ProbeTraces;
let neverOnline: ProbeTraces;
let failedCollector: ProbeTraces;
const cliReports: Record<string, string> = {};

/** The real collector's output on the fixture host, with the added ecs.config lines. */
async function outputWithAddedLines(): Promise<string> {
  const ecsConfig = readFileSync(join(FIXTURE_HOSTS_DIR, HOST, 'root/etc/ecs/ecs.config'), 'utf8');
  return runFixtureHost(HOST, {
    files: { 'etc/ecs/ecs.config': `${ecsConfig}${ADDED_LINES.join('\n')}\n` },
  });
}

function scoreWithTheCli(output: string): void {
  const file = join(tmpdir(), `baa-redaction-${process.pid}.txt`);
  writeFileSync(file, output);
  try {
    for (const format of REPORT_FORMATS) {
      const cli = runCli(['score', file, '--format', format]);
      cliReports[format] = `${cli.stdout}${cli.stderr}`;
    }
  } finally {
    rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  // The functions' own loggers, at their most verbose.
  Object.assign(process.env, {
    POWERTOOLS_SERVICE_NAME: 'batch-ami-auditor',
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    POWERTOOLS_METRICS_NAMESPACE: 'BatchAmiAuditor',
  });
  collectorOutput = await outputWithAddedLines();
  redaction = await RedactionWorld.create();
  const host = { ...HEALTHY, host: HOST };
  collected = await redaction.probe(host, (i) =>
    i.Status === 'Success' ? { ...i, StandardOutputContent: collectorOutput } : i,
  );
  neverOnline = await redaction.probe({
    ...host,
    bootSeconds: Number.POSITIVE_INFINITY,
    consoleOutput: CONSOLE.text,
  });
  failedCollector = await redaction.probe({ ...host, command: 'failed' }, (i) => ({
    ...i,
    StandardErrorContent: `+ DOCKER_AUTH_TOKEN=${STDERR.token} /usr/bin/collect\nsh: 12: docker: Permission denied`,
  }));
  scoreWithTheCli(collectorOutput);
}, 240_000);

afterAll(async () => {
  process.env = environment;
  await redaction?.stop();
});

const leaked = (text: string) => SECRETS.filter((secret) => text.includes(secret));

describe('credentials in the collector output (/etc/ecs/ecs.config and the rest)', () => {
  it('FAIL a host rule whose evidence quotes the ecs.config line that holds one', () => {
    expect(collected.run.error).toBeUndefined();
    expect(collected.run.output?.verdicts).toEqual([
      { computeEnvironment: 'batch-ce', verdict: 'FAIL' },
    ]);
    expect(collected.email).toContain('awslogs-logging-driver');
    expect(collected.email).toContain('file:/etc/ecs/ecs.config');
    expect(collected.email).toContain(
      'ECS_AVAILABLE_LOGGING_DRIVERS=["json-file","none"] AWS_SESSION_TOKEN=<redacted>',
    );
  });

  it('were published to every protocol, logged, cached and recorded', () => {
    expect(collected.protocols).toContain('default,email,https');
    expect(collected.sqs).toContain('awslogs-logging-driver');
    expect(collected.logs).toContain('"message":"Verdicts published"');
    expect(collected.factsCache).toContain('ECS_ENGINE_AUTH_DATA');
    expect(collected.findingStates).toContain('awslogs-logging-driver');
  });

  it('are not in what SSM keeps (the collector redacts on the host)', () => {
    expect(SECRETS.length).toBeGreaterThan(15);
    expect(leaked(collectorOutput)).toEqual([]);
    expect(collectorOutput).toContain('DOCKER_REGISTRY_PASSWORD = <redacted>');
  });

  it.each(PLACES)('are not in %s', (place) => {
    expect(collected[place].length).toBeGreaterThan(0);
    expect(leaked(collected[place])).toEqual([]);
  });

  it.each(['sns', 'sqs', 'factsCache', 'stepFunctions'] as const)(
    'left <redacted> in %s',
    (place) => {
      expect(collected[place]).toContain('<redacted>');
    },
  );

  it.each(REPORT_FORMATS)('are not in the CLI report (--format %s)', (format) => {
    expect(cliReports[format]).toContain('awslogs-logging-driver');
    expect(leaked(cliReports[format] ?? '')).toEqual([]);
    if (format !== 'junit') expect(cliReports[format]).toContain('<redacted>');
  });
});

describe('credentials on the console of a probe that never came online', () => {
  it('are quoted redacted in the verdict', () => {
    expect(neverOnline.run.output?.verdicts[0]?.verdict).toBe('INCONCLUSIVE');
    expect(neverOnline.email).toContain('ssm_never_online');
    expect(neverOnline.email).toContain('export AWS_SECRET_ACCESS_KEY=<redacted>');
    expect(neverOnline.email).toContain('https://<redacted>@registry.example.com');
  });

  it.each(PLACES)('are not in %s', (place) => {
    expect(leaked(neverOnline[place])).toEqual([]);
  });
});

describe('credentials in the stderr of a failed collector', () => {
  it('are quoted redacted in the verdict', () => {
    expect(failedCollector.run.output?.verdicts[0]?.verdict).toBe('INCONCLUSIVE');
    expect(failedCollector.email).toContain('command_failed');
    expect(failedCollector.email).toContain('DOCKER_AUTH_TOKEN=<redacted>');
  });

  it.each(PLACES)('are not in %s', (place) => {
    expect(leaked(failedCollector[place])).toEqual([]);
  });
});
