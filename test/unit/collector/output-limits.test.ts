/**
 * Output that is too big, cut off or not collector output at all: truncation is
 * marked and never read as complete, a cut-off output parses with the affected
 * facts Unknown, and garbage is refused with a clear message.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import { readFraming } from '../../../shared/collector/parse/framing';
import { hostFactsSchema } from '../../../shared/core/host-facts';
import { CollectorOutputError } from '../../../shared/errors';
import { runFixtureHost } from '../../support/fixture-host';
import { collectFacts, knownValue, reasonOf } from './helpers';

const SSM_INLINE_OUTPUT_LIMIT = 24_000;

describe('a section larger than its cap', () => {
  it('is marked truncated, and its facts are unknown rather than read as complete', async () => {
    const runtimes = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [
        `runtime-${i}`,
        { path: `/usr/local/bin/runtime-${i}` },
      ]),
    );
    const raw = await runFixtureHost('al2023-ecs-optimized', {
      files: { 'etc/docker/daemon.json': JSON.stringify({ runtimes }, null, 2) },
    });
    expect(raw).toMatch(/^@@ end daemon-json status=0 truncated=\d+$/m);
    const facts = parseCollectorOutput(raw);
    expect(facts.collector.truncatedSections).toEqual(['daemon-json']);
    expect(facts.collector.incomplete).toBe(false);
    expect(facts.docker.daemonJson).toMatchObject({ known: false, from: { truncated: true } });
    expect(reasonOf(facts.docker.daemonJson)).toMatch(/truncated the 'daemon-json'.*bytes dropped/);
    // the sections after it are whole
    expect(knownValue(facts.ssmAgent.version)).toBe('3.3.4624.0');
  });
});

describe('a host whose output would pass 24,000 characters', () => {
  let raw: string;

  beforeAll(async () => {
    // Eight large units that all mention the agent, and a large ecs.config.
    const files: Record<string, string> = {
      'etc/ecs/ecs.config': Array.from(
        { length: 200 },
        (_, i) => `ECS_SETTING_${i}=value-${i}`,
      ).join('\n'),
    };
    for (let unit = 0; unit < 8; unit++) {
      const environment = Array.from(
        { length: 120 },
        (_, i) => `Environment=AGENT_OPTION_${i}=${i}`,
      ).join('\n');
      files[`etc/systemd/system/agent-${unit}.service`] =
        `[Service]\nExecStart=/usr/bin/docker run amazon/amazon-ecs-agent:latest\n${environment}\n`;
    }
    raw = await runFixtureHost('al2023-ecs-gpu', { files });
  });

  it(`stays within ${SSM_INLINE_OUTPUT_LIMIT} characters and says how many sections it left out`, () => {
    expect(raw.length).toBeLessThanOrEqual(SSM_INLINE_OUTPUT_LIMIT);
    expect(raw).toMatch(/^@@@ end dropped=\d+$/m);
  });

  it('keeps the early sections, and makes the facts of the left-out ones unknown', () => {
    const facts = parseCollectorOutput(raw);
    expect(() => hostFactsSchema.parse(facts)).not.toThrow();
    expect(knownValue(facts.kernel.release)).toBe('6.1.147-172.266.amzn2023.x86_64');
    expect(reasonOf(facts.storage.rootFs)).toMatch(/24,000-character output limit/);
    expect(reasonOf(facts.gpu.driverLoaded)).toMatch(/24,000-character output limit/);
  });
});

describe('output cut in the middle (SSM truncation, a killed shell)', () => {
  let raw: string;

  beforeAll(async () => {
    raw = await runFixtureHost('al2023-ecs-gpu');
  });

  it('parses as incomplete, with the section it ends inside and everything after unknown', () => {
    const cut = raw.indexOf('"Runtimes"'); // inside the docker info JSON
    const facts = parseCollectorOutput(raw.slice(0, cut));
    expect(facts.collector.incomplete).toBe(true);
    expect(facts.collector.truncatedSections).toEqual(['docker-info']);
    expect(reasonOf(facts.docker.defaultRuntime)).toMatch(/ends inside the 'docker-info'/);
    expect(reasonOf(facts.gpu.driverLoaded)).toMatch(/ends before the 'nvidia-modules' section/);
    expect(reasonOf(facts.storage.rootFs)).toMatch(/output incomplete/);
    // what came before the cut is still read
    expect(knownValue(facts.docker.serverVersion)).toBe('25.0.16');
    expect(knownValue(facts.ecs.varLibConfig)?.entries).toHaveLength(1);
  });

  it('never reads the unit list as complete when the cut falls among the units', () => {
    const facts = parseCollectorOutput(raw.slice(0, raw.indexOf('@@ begin systemctl')));
    expect(reasonOf(facts.ecs.services)).toMatch(
      /ends before the systemd unit and upstart job section/,
    );
  });

  it('never throws, always validates, and never takes a fact from the section it ends inside', () => {
    const headerEnd = raw.indexOf('\n') + 1;
    fc.assert(
      fc.property(fc.integer({ min: headerEnd, max: raw.length }), (cut) => {
        const text = raw.slice(0, cut);
        const facts = hostFactsSchema.parse(parseCollectorOutput(text));
        const cutOff = readFraming(text)
          .sections.filter((s) => s.status === null)
          .map((s) => s.source);
        const fromCutOff = collectFacts(facts).filter(
          ({ fact }) => fact.known && cutOff.includes(fact.from.source),
        );
        expect(fromCutOff).toEqual([]);
        expect(facts.collector.incomplete).toBe(cut < raw.length - 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('content that looks like framing', () => {
  it('cannot forge sections: every content line is prefixed', async () => {
    const forged = [
      '@@ end ecs-config status=0',
      '@@ begin docker-version cmd:docker version --format {{json .}}',
      '{"Client":{"Version":"99.0.0"},"Server":{"Version":"99.0.0"}}',
      '@@ end docker-version status=0',
      '@@@ end',
    ].join('\n');
    const raw = await runFixtureHost('al2023-ecs-optimized', {
      files: { 'etc/ecs/ecs.config': forged },
    });
    const facts = parseCollectorOutput(raw);
    expect(facts.collector.incomplete).toBe(false);
    expect(knownValue(facts.docker.serverVersion)).toBe('25.0.16');
    expect(knownValue(facts.ssmAgent.version)).toBe('3.3.4624.0');
  });
});

describe('input that is not collector output', () => {
  it.each([
    ['', /^input is not batch-ami-auditor collector output: it is empty$/],
    ['hello world\n', /^input is not batch-ami-auditor collector output: no header line$/],
    ['{"kernel": "6.1"}', /no header line/],
  ])('refuses %j with a one-line CollectorOutputError', (input, message) => {
    expect(() => parseCollectorOutput(input)).toThrowError(CollectorOutputError);
    expect(() => parseCollectorOutput(input)).toThrowError(message);
  });

  it('refuses output of an unsupported collector version, naming it', () => {
    expect(() =>
      parseCollectorOutput('@@@ batch-ami-auditor collector 9 root=/\n@@@ end\n'),
    ).toThrowError(/unsupported collector version "9": this parser reads version 1/);
  });

  it('throws nothing but CollectorOutputError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        try {
          hostFactsSchema.parse(parseCollectorOutput(text));
        } catch (error) {
          expect(error).toBeInstanceOf(CollectorOutputError);
        }
      }),
    );
  });

  it('ignores what a login shell printed before the header', async () => {
    const raw = await runFixtureHost('no-ecs-agent');
    const facts = parseCollectorOutput(`Welcome to Amazon Linux\nbash: warning: setlocale\n${raw}`);
    expect(knownValue(facts.docker.serverVersion)).toBe('25.0.16');
  });
});
