import { describe, expect, it } from 'vitest';
import {
  effectiveLoggingDrivers,
  parseDriverList,
} from '../../../../shared/core/derive/logging-drivers';
import type { HostFacts, ServiceDefinition } from '../../../../shared/core/host-facts';
import {
  absentFile,
  ECS_SERVICE,
  envFile,
  fact,
  type HostFactsOverrides,
  type HostPreset,
  hostFacts,
  service,
  unknownFact,
} from '../../../support/host-facts-builder';

const KEY = 'ECS_AVAILABLE_LOGGING_DRIVERS';
const ETC = '/etc/ecs/ecs.config';
const VAR_LIB = '/var/lib/ecs/ecs.config';
const ECS_INIT_DEFAULT = ['json-file', 'syslog', 'awslogs', 'fluentd', 'none'];
const AGENT_DEFAULT = ['json-file', 'none'];
const IMAGE = 'amazon/amazon-ecs-agent:latest';

describe('parseDriverList (as the agent decodes ECS_AVAILABLE_LOGGING_DRIVERS)', () => {
  it.each([
    ['a JSON array', '["json-file","awslogs"]', ['json-file', 'awslogs']],
    ['text after the array (Go decodes the first value only)', '["awslogs"] # note', ['awslogs']],
    ['leading whitespace', '  ["awslogs"]', ['awslogs']],
    ['escaped quotes inside a string', '["a\\"]"]', ['a"]']],
  ])('reads %s', (_, raw, drivers) => {
    expect(parseDriverList(raw)).toEqual({ kind: 'drivers', drivers });
  });

  it.each([
    ['blank', '', /empty/],
    ['null', 'null', /null/],
    ['an empty list', '[]', /empty list/],
  ])('treats %s as unset', (_, raw, why) => {
    expect(parseDriverList(raw)).toEqual({ kind: 'unset', why: expect.stringMatching(why) });
  });

  it.each([
    ['a comma list', 'json-file,awslogs', /not a JSON array/],
    ['a single-quoted array (quotes reach the agent)', `'["awslogs"]'`, /not a JSON array/],
    ['a JSON string', '"[\\"awslogs\\"]"', /not a JSON array/],
    ['a non-string element', '["awslogs",1]', /array of strings/],
    ['a nested array', '[["awslogs"]]', /array of strings/],
    ['an unclosed array', '["awslogs"', /not closed/],
    ['broken JSON', "['awslogs']", /not valid JSON/],
  ])('rejects %s', (_, raw, problem) => {
    expect(parseDriverList(raw)).toEqual({
      kind: 'invalid',
      problem: expect.stringMatching(problem),
    });
  });
});

interface Row {
  readonly name: string;
  readonly preset?: HostPreset;
  readonly facts: HostFactsOverrides;
  /** The drivers and the source they come from, or a reason pattern when unknown. */
  readonly expected: { drivers: readonly string[]; origin: string } | RegExp | null;
}

const unit = (exec: string, extra: Partial<ServiceDefinition> = {}) => ({
  ecs: {
    ecsInitPackage: fact(null),
    ecsInitBinary: fact(false),
    services: fact([
      service({
        name: 'agent.service',
        path: '/etc/systemd/system/agent.service',
        exec: [exec],
        ...extra,
      }),
    ]),
  },
});
const etc = (entries: Record<string, string> | [string, string][]) => envFile(ETC, entries);
const varLib = (entries: Record<string, string>) => envFile(VAR_LIB, entries);
const json = (value: Record<string, unknown> | null) =>
  fact(value, 'file:/etc/ecs/ecs.config.json');
const withEcs = (ecs: HostFactsOverrides['ecs']): HostFactsOverrides => ({ ecs });
const merged = (a: HostFactsOverrides, ecs: HostFactsOverrides['ecs']): HostFactsOverrides => ({
  ...a,
  ecs: { ...a.ecs, ...ecs },
});

const ECS_INIT_ROWS: Row[] = [
  {
    name: 'nothing set: ecs-init default',
    facts: {},
    expected: { drivers: ECS_INIT_DEFAULT, origin: 'built-in:ecs-init defaults' },
  },
  {
    name: '/var/lib/ecs/ecs.config overrides the default',
    facts: withEcs({ varLibConfig: varLib({ [KEY]: '["awslogs"]' }) }),
    expected: { drivers: ['awslogs'], origin: `file:${VAR_LIB}` },
  },
  {
    name: '/etc/ecs/ecs.config overrides the default',
    facts: withEcs({ etcConfig: etc({ [KEY]: '["json-file"]' }) }),
    expected: { drivers: ['json-file'], origin: `file:${ETC}` },
  },
  {
    name: '/etc/ecs/ecs.config wins over /var/lib/ecs/ecs.config',
    facts: withEcs({
      varLibConfig: varLib({ [KEY]: '["awslogs"]' }),
      etcConfig: etc({ [KEY]: '["syslog"]' }),
    }),
    expected: { drivers: ['syslog'], origin: `file:${ETC}` },
  },
  {
    name: 'a later duplicate line in a file wins',
    facts: withEcs({
      etcConfig: etc([
        [KEY, '["syslog"]'],
        [KEY, '["awslogs"]'],
      ]),
    }),
    expected: { drivers: ['awslogs'], origin: `file:${ETC}` },
  },
  {
    name: 'an invalid /etc value hides a valid /var/lib one (ecs-init replaces, the agent then ignores)',
    facts: withEcs({
      varLibConfig: varLib({ [KEY]: '["awslogs"]' }),
      etcConfig: etc({ [KEY]: 'awslogs' }),
    }),
    expected: { drivers: AGENT_DEFAULT, origin: 'built-in:ecs-agent default' },
  },
  {
    name: 'an empty /etc value counts as unset in the agent',
    facts: withEcs({ etcConfig: etc({ [KEY]: '' }) }),
    expected: { drivers: AGENT_DEFAULT, origin: 'built-in:ecs-agent default' },
  },
  {
    name: 'ecs.service Environment= never reaches the agent',
    facts: withEcs({
      services: fact([{ ...ECS_SERVICE, environment: [{ key: KEY, value: '["syslog"]' }] }]),
    }),
    expected: { drivers: ECS_INIT_DEFAULT, origin: 'built-in:ecs-init defaults' },
  },
  {
    name: 'ecs.config.json fills in when the environment value is ignored (field name case-insensitive)',
    facts: withEcs({
      etcConfig: etc({ [KEY]: 'bad' }),
      jsonConfig: json({ availableloggingdrivers: ['awslogs'] }),
    }),
    expected: { drivers: ['awslogs'], origin: 'file:/etc/ecs/ecs.config.json' },
  },
  {
    name: 'the environment wins over ecs.config.json',
    facts: withEcs({ jsonConfig: json({ AvailableLoggingDrivers: ['json-file'] }) }),
    expected: { drivers: ECS_INIT_DEFAULT, origin: 'built-in:ecs-init defaults' },
  },
  {
    name: 'an unreadable ecs.config.json does not matter when the environment decides',
    facts: withEcs({ jsonConfig: unknownFact('permission denied') }),
    expected: { drivers: ECS_INIT_DEFAULT, origin: 'built-in:ecs-init defaults' },
  },
  {
    name: 'an unreadable ecs.config.json matters when the environment value is ignored',
    facts: withEcs({
      etcConfig: etc({ [KEY]: 'bad' }),
      jsonConfig: unknownFact('permission denied'),
    }),
    expected: /ecs\.config\.json is unknown: permission denied/,
  },
  {
    name: 'the JSON config moved elsewhere by ECS_AGENT_CONFIG_FILE_PATH is not collected',
    facts: withEcs({
      etcConfig: etc({ [KEY]: 'bad', ECS_AGENT_CONFIG_FILE_PATH: '/opt/agent.json' }),
    }),
    expected: /\/opt\/agent\.json, which was not collected/,
  },
  {
    name: 'an unreadable /var/lib file does not matter when /etc sets the value',
    facts: withEcs({
      varLibConfig: unknownFact('io error'),
      etcConfig: etc({ [KEY]: '["awslogs"]' }),
    }),
    expected: { drivers: ['awslogs'], origin: `file:${ETC}` },
  },
  {
    name: 'an unreadable /etc file makes the value unknown',
    facts: withEcs({ etcConfig: unknownFact('permission denied') }),
    expected: /unknown: permission denied/,
  },
  {
    name: 'ecs-init installed, no unit found: still ecs-init',
    facts: withEcs({ services: fact([]) }),
    expected: { drivers: ECS_INIT_DEFAULT, origin: 'built-in:ecs-init defaults' },
  },
];

const RUN = '/usr/bin/docker run --name ecs-agent';
const UNIT = 'file:/etc/systemd/system/agent.service';
const HAND_WRITTEN_ROWS: Row[] = [
  {
    name: 'docker run without environment: the agent default',
    facts: unit(`${RUN} ${IMAGE}`),
    expected: { drivers: AGENT_DEFAULT, origin: 'built-in:ecs-agent default' },
  },
  {
    name: '--env-file /etc/ecs/ecs.config',
    facts: merged(unit(`${RUN} --env-file /etc/ecs/ecs.config ${IMAGE}`), {
      etcConfig: etc({ [KEY]: '["awslogs"]' }),
    }),
    expected: { drivers: ['awslogs'], origin: `file:${ETC}` },
  },
  {
    name: '-e wins over --env-file, whatever the flag order',
    facts: merged(unit(`${RUN} -e ${KEY}='["syslog"]' --env-file=/etc/ecs/ecs.config ${IMAGE}`), {
      etcConfig: etc({ [KEY]: '["awslogs"]' }),
    }),
    expected: { drivers: ['syslog'], origin: `${UNIT} -e` },
  },
  {
    name: 'unquoted -e ...=["awslogs"] loses its double quotes to the shell, so the agent ignores it',
    facts: unit(`${RUN} -e ${KEY}=["awslogs"] ${IMAGE}`),
    expected: { drivers: AGENT_DEFAULT, origin: 'built-in:ecs-agent default' },
  },
  {
    name: '-e wins over an env file that was not collected',
    facts: unit(`${RUN} --env-file /srv/agent.env --env ${KEY}='["awslogs"]' ${IMAGE}`),
    expected: { drivers: ['awslogs'], origin: `${UNIT} -e` },
  },
  {
    name: 'an env file that was not collected leaves the value unknown',
    facts: unit(`${RUN} --env-file /srv/agent.env ${IMAGE}`),
    expected: /\/srv\/agent\.env was not collected/,
  },
  {
    name: '-e NAME copies Environment=',
    facts: unit(`${RUN} -e ${KEY} ${IMAGE}`, { environment: [{ key: KEY, value: '["awslogs"]' }] }),
    expected: { drivers: ['awslogs'], origin: `${UNIT} -e ${KEY} (from ${UNIT} Environment=)` },
  },
  {
    name: '-e NAME copies EnvironmentFile=, which wins over Environment=',
    facts: merged(
      unit(`${RUN} -e ${KEY} ${IMAGE}`, {
        environment: [{ key: KEY, value: '["syslog"]' }],
        environmentFiles: ['-/etc/ecs/ecs.config'],
      }),
      { etcConfig: etc({ [KEY]: '["awslogs"]' }) },
    ),
    expected: { drivers: ['awslogs'], origin: `${UNIT} -e ${KEY} (from file:${ETC})` },
  },
  {
    name: '-e NAME with NAME unset in the unit passes nothing',
    facts: unit(`${RUN} -e ${KEY} ${IMAGE}`),
    expected: { drivers: AGENT_DEFAULT, origin: 'built-in:ecs-agent default' },
  },
  {
    name: 'a docker run wrapped in /bin/sh -c',
    facts: unit(
      `/bin/sh -c "docker rm -f ecs-agent; docker run -e ${KEY}='[\\"awslogs\\"]' ${IMAGE}"`,
    ),
    expected: { drivers: ['awslogs'], origin: `${UNIT} -e` },
  },
  {
    name: 'ecs.config.json read when ECS_AGENT_CONFIG_FILE_PATH points at it',
    facts: merged(unit(`${RUN} -e ECS_AGENT_CONFIG_FILE_PATH=/etc/ecs/ecs.config.json ${IMAGE}`), {
      jsonConfig: json({ AvailableLoggingDrivers: ['awslogs'] }),
    }),
    expected: { drivers: ['awslogs'], origin: 'file:/etc/ecs/ecs.config.json' },
  },
  {
    name: 'ecs.config.json not read by an agent left at its default config path',
    facts: merged(unit(`${RUN} ${IMAGE}`), {
      jsonConfig: json({ AvailableLoggingDrivers: ['awslogs'] }),
    }),
    expected: { drivers: AGENT_DEFAULT, origin: 'built-in:ecs-agent default' },
  },
  {
    name: 'agent binary: Environment=',
    facts: unit('/usr/local/bin/amazon-ecs-agent', {
      environment: [{ key: KEY, value: '["awslogs"]' }],
    }),
    expected: { drivers: ['awslogs'], origin: `${UNIT} Environment=` },
  },
  {
    name: 'agent binary: EnvironmentFile= wins over Environment=',
    facts: merged(
      unit('/usr/local/bin/amazon-ecs-agent', {
        environment: [{ key: KEY, value: '["awslogs"]' }],
        environmentFiles: ['-/etc/ecs/ecs.config'],
      }),
      { etcConfig: etc({ [KEY]: '["syslog"]' }) },
    ),
    expected: { drivers: ['syslog'], origin: `file:${ETC}` },
  },
  {
    name: 'agent binary: the later of two EnvironmentFile= wins',
    facts: merged(
      unit('/usr/local/bin/amazon-ecs-agent', {
        environmentFiles: ['/etc/ecs/ecs.config', '-/var/lib/ecs/ecs.config'],
      }),
      { etcConfig: etc({ [KEY]: '["syslog"]' }), varLibConfig: varLib({ [KEY]: '["awslogs"]' }) },
    ),
    expected: { drivers: ['awslogs'], origin: `file:${VAR_LIB}` },
  },
  {
    name: 'a unit whose command cannot be read',
    facts: unit('/usr/local/bin/start-things.sh'),
    expected: /environment the unit agent\.service gives the agent was not collected/,
  },
  {
    name: 'a bare agent container',
    preset: 'no-agent',
    facts: withEcs({ agentContainers: fact([{ name: 'ecs-agent', image: IMAGE, running: true }]) }),
    expected: /environment the container ecs-agent gives the agent was not collected/,
  },
  { name: 'no agent at all', preset: 'no-agent', facts: {}, expected: null },
];

function driversOf(host: HostFacts) {
  const found = effectiveLoggingDrivers(host);
  if (!found.known) return found.reason;
  return found.value && { drivers: found.value.drivers, origin: found.value.origin };
}

describe('effectiveLoggingDrivers', () => {
  describe.each([
    ['under ecs-init', ECS_INIT_ROWS],
    ['without ecs-init', HAND_WRITTEN_ROWS],
  ])('%s', (_, rows) => {
    it.each(rows)('$name', ({ preset, facts, expected }) => {
      const got = driversOf(hostFacts(preset ?? 'al2023', facts));
      if (expected instanceof RegExp) expect(got).toMatch(expected);
      else expect(got).toEqual(expected);
    });
  });

  it('records the ignored setting and why', () => {
    const found = effectiveLoggingDrivers(
      hostFacts('al2023', withEcs({ etcConfig: etc({ [KEY]: 'awslogs' }) })),
    );
    expect(found.known && found.value?.ignored).toEqual([
      { source: `file:${ETC}`, raw: 'awslogs', problem: expect.stringMatching(/not a JSON array/) },
    ]);
  });

  it('cites every layer it consulted, in precedence order', () => {
    const found = effectiveLoggingDrivers(
      hostFacts('al2023', withEcs({ varLibConfig: absentFile(VAR_LIB) })),
    );
    expect(found.evidence.map((e) => `${e.source}: ${e.observed}`)).toEqual([
      `built-in:ecs-init defaults: ${KEY}=["json-file","syslog","awslogs","fluentd","none"]`,
      `file:${VAR_LIB}: file does not exist`,
      `file:${ETC}: ${KEY} not set`,
    ]);
  });
});
