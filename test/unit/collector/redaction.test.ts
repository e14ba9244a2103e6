/**
 * Secrets never leave the host: the collector itself redacts credentials, so
 * neither its raw output (what SSM stores) nor the parsed facts carry them.
 */
import { describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import { readHostJson, runFixtureHost, SHELLS } from '../../support/fixture-host';
import { knownValue } from './helpers';

const SECRETS = readHostJson('secrets-everywhere').secrets ?? [];

describe.each(SHELLS)('redaction under %s', (shell) => {
  it('keeps every planted secret out of the raw output and the facts', async () => {
    expect(SECRETS.length).toBeGreaterThan(10);
    const raw = await runFixtureHost('secrets-everywhere', { shell });
    const facts = JSON.stringify(parseCollectorOutput(raw));
    const leaked = SECRETS.filter((secret) => raw.includes(secret) || facts.includes(secret));
    expect(leaked).toEqual([]);
    expect(raw).toContain('ECS_ENGINE_AUTH_DATA=<redacted>');
  });
});

describe('redaction', () => {
  it('keeps the settings that are not credentials', async () => {
    const facts = parseCollectorOutput(await runFixtureHost('secrets-everywhere'));
    expect(knownValue(facts.ecs.etcConfig)?.entries).toEqual([
      { key: 'ECS_CLUSTER', value: 'batch-probe' },
      { key: 'ECS_ENGINE_AUTH_TYPE', value: '<redacted>' },
      { key: 'ECS_ENGINE_AUTH_DATA', value: '<redacted>' },
      { key: 'AWS_SECRET_ACCESS_KEY', value: '<redacted>' },
      { key: 'DB_PASSWORD', value: '<redacted>' },
      { key: 'ECS_LOGLEVEL', value: 'info' },
    ]);
    expect(knownValue(facts.docker.daemonJson)).toEqual({
      'registry-mirrors': ['https://<redacted>@mirror.example.com'],
      auths: { 'registry.example.com': { auth: '<redacted>', identitytoken: '<redacted>' } },
      registrytoken: '<redacted>',
      password: '<redacted>',
      'log-driver': 'json-file',
    });
  });

  it('redacts credentials in every form a config line can take', async () => {
    const lines = [
      'PLAIN_TOKEN=t0k3n-plain',
      "QUOTED_SECRET='s3cr3t quoted'",
      'export EXPORTED_PASSWORD="pa55 exported"',
      'JSON_AUTH={"x":{"auth":"json-auth-v4lue"}}',
      'PROXY=http://user:url-pa55word@proxy:3128',
    ];
    const planted = [
      't0k3n-plain',
      's3cr3t quoted',
      'pa55 exported',
      'json-auth-v4lue',
      'url-pa55word',
    ];
    const raw = await runFixtureHost('al2023-ecs-optimized', {
      files: { 'etc/ecs/ecs.config': `${lines.join('\n')}\nECS_CLUSTER=kept\n` },
    });
    expect(planted.filter((secret) => raw.includes(secret))).toEqual([]);
    expect(raw).toContain('|ECS_CLUSTER=kept');
    expect(raw).toContain('|PROXY=http://<redacted>@proxy:3128');
  });
});
