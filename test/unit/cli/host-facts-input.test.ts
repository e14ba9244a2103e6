import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHostFactsText } from '../../../cli/host-facts-input';
import { InvalidInputError } from '../../../shared/errors';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/facts/${name}`, import.meta.url), 'utf8'));

function errorFor(data: unknown, name = 'facts.json'): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  try {
    parseHostFactsText({ name, text });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be rejected');
}

describe('parseHostFactsText', () => {
  it('reads a host facts JSON file, leading whitespace and all', () => {
    const text = `\n  ${readFileSync(new URL('../../fixtures/facts/al2023-ecs-host.json', import.meta.url), 'utf8')}`;
    const facts = parseHostFactsText({ name: 'facts.json', text });

    expect(facts.kernel.release).toMatchObject({
      known: true,
      value: '6.1.158-180.294.amzn2023.x86_64',
    });
  });

  it('names the path of a bad field inside an array', () => {
    const facts = fixture('al2023-ecs-host.json');
    facts.ecs.services.value[0].name = 42;

    expect(errorFor(facts)).toBe(
      'facts.json: invalid host facts at ecs.services.value[0].name: expected string, received number',
    );
  });

  it('counts the other problems instead of listing them', () => {
    const facts = fixture('al2023-ecs-host.json');
    facts.kernel = 'old';
    facts.os = null;

    expect(errorFor(facts)).toBe(
      'facts.json: invalid host facts at kernel: expected object, received string (and 1 more problem)',
    );
  });

  it('rejects facts of another schemaVersion at that field', () => {
    expect(errorFor({ ...fixture('al2023-ecs-host.json'), schemaVersion: 2 })).toBe(
      'facts.json: invalid host facts at schemaVersion: expected 1',
    );
  });

  it('recognises an audit report piped back in by mistake', () => {
    expect(errorFor({ schemaVersion: 1, verdict: 'PASS', findings: [] }, 'stdin')).toBe(
      'stdin: is an audit report, not host facts',
    );
  });

  it('says what is wrong with empty input, broken JSON and JSON that is not facts', () => {
    expect(errorFor('  \n')).toBe(
      'facts.json: is empty; expected collector output or host facts JSON',
    );
    expect(errorFor('{"schemaVersion": 1,')).toMatch(/^facts\.json: not valid JSON: /);
    expect(errorFor({ hello: 'world' })).toBe(
      'facts.json: JSON without a schemaVersion field is not host facts',
    );
  });

  it('parses anything else as collector output, and names the input when it is not', () => {
    expect(errorFor('Linux box 6.1.0 #1 SMP x86_64 GNU/Linux\n', 'uname.txt')).toMatch(
      /^uname\.txt: not collector output: /,
    );
  });
});
