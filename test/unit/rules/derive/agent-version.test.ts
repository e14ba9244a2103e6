import { describe, expect, it } from 'vitest';
import { agentVersionOf } from '../../../../shared/core/derive/agent-version';
import { versionGap } from '../../../../shared/core/derive/version-gap';
import { fact, hostFacts, unknownFact } from '../../../support/host-facts-builder';

describe('agentVersionOf', () => {
  it('prefers the running agent, which may have updated itself', () => {
    const host = hostFacts('al2023', {
      ecs: {
        introspection: fact({
          version: 'Amazon ECS Agent - v1.107.0 (abc)',
          cluster: null,
          containerInstanceArn: null,
        }),
      },
    });
    expect(agentVersionOf(host)).toMatchObject({
      known: true,
      value: { version: '1.107.0', source: 'introspection' },
    });
  });

  it('falls back to the package, then the newest cached image, then the container label', () => {
    const noLive = { introspection: fact(null) };
    expect(agentVersionOf(hostFacts('al2023', { ecs: noLive }))).toMatchObject({
      value: { source: 'package' },
    });
    const noPackage = { ...noLive, ecsInitPackage: fact(null) };
    const cached = fact([
      'ecs-agent.tar',
      'ecs-agent-arm64-v1.99.0.tar',
      'ecs-agent-arm64-v1.101.2.tar',
    ]);
    expect(
      agentVersionOf(hostFacts('al2023', { ecs: { ...noPackage, cachedAgentImages: cached } })),
    ).toMatchObject({
      value: { version: '1.101.2', source: 'cached image' },
    });
    expect(
      agentVersionOf(hostFacts('al2023', { ecs: { ...noPackage, cachedAgentImages: fact([]) } })),
    ).toMatchObject({
      value: { version: '1.106.1', source: 'container label' },
    });
  });

  it('uses a lower source when a better one could not be read', () => {
    const host = hostFacts('al2023', { ecs: { introspection: unknownFact('curl missing') } });
    expect(agentVersionOf(host)).toMatchObject({ known: true, value: { source: 'package' } });
  });
});

describe('versionGap', () => {
  it.each([
    ['1.100.1', '1.106.1', '6 minor versions'],
    ['1.106.0', '1.106.1', '1 patch version'],
    ['24.0.5', '25.0.16', '1 major version'],
  ])('%s -> %s is %s', (older, newer, gap) => {
    expect(versionGap(older, newer)).toBe(gap);
  });

  it('is null when not older', () => {
    expect(versionGap('1.106.1', '1.106.1')).toBeNull();
  });
});
