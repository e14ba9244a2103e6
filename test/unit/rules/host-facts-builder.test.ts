import { describe, expect, it } from 'vitest';
import { hostFactsSchema } from '../../../shared/core/host-facts';
import { fact, HOST_PRESETS, hostFacts, unknownFact } from '../../support/host-facts-builder';

describe('host facts builder', () => {
  it.each(HOST_PRESETS)(
    'builds schema-valid facts for %s, with nothing the schema would drop',
    (preset) => {
      const facts = hostFacts(preset);
      expect(hostFactsSchema.parse(facts)).toEqual(facts);
    },
  );

  it('replaces one fact and keeps its siblings', () => {
    const facts = hostFacts('al2023', { docker: { serverVersion: unknownFact('daemon down') } });
    expect(facts.docker.serverVersion).toEqual({ known: false, reason: 'daemon down' });
    expect(facts.docker.clientVersion).toEqual(hostFacts('al2023').docker.clientVersion);
    expect(hostFactsSchema.parse(facts)).toEqual(facts);
  });

  it('replaces arrays whole', () => {
    const facts = hostFacts('al2023-gpu', { docker: { runtimesDir: fact([]) } });
    expect(facts.docker.runtimesDir).toMatchObject({ known: true, value: [] });
  });

  it('does not share state between builds', () => {
    const first = hostFacts('al2023');
    first.os.idLike = fact(['changed']);
    expect(hostFacts('al2023').os.idLike).toMatchObject({ value: ['fedora'] });
  });
});
