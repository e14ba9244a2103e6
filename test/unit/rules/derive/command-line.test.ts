import { describe, expect, it } from 'vitest';
import {
  commandsOf,
  dockerRunEnvironment,
  splitCommandLine,
} from '../../../../shared/core/derive/command-line';

describe('splitCommandLine', () => {
  it.each([
    ['plain words', 'docker run  -d image', ['docker', 'run', '-d', 'image']],
    ['single quotes are literal', `-e 'A=["x"]'`, ['-e', 'A=["x"]']],
    ['double quotes allow escapes', '-e "A=[\\"x\\"]"', ['-e', 'A=["x"]']],
    ['quotes join a word', `A='b c'd`, ['A=b cd']],
    ['an empty quoted word', `x '' y`, ['x', '', 'y']],
  ])('%s', (_, line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });
});

describe('commandsOf', () => {
  it('drops systemd ExecStart prefixes', () => {
    expect(commandsOf('-/usr/bin/docker rm -f ecs-agent')).toEqual([
      ['/usr/bin/docker', 'rm', '-f', 'ecs-agent'],
    ]);
  });

  it('splits a shell -c script into its commands', () => {
    expect(commandsOf(`/bin/bash -c 'docker rm -f a; docker run b && echo ok'`)).toEqual([
      ['docker', 'rm', '-f', 'a'],
      ['docker', 'run', 'b'],
      ['echo', 'ok'],
    ]);
  });
});

describe('dockerRunEnvironment', () => {
  it('reads env files and -e flags up to the image, in order', () => {
    const words = splitCommandLine(
      'docker run --name ecs-agent -v /a:/b --env-file=/etc/ecs/ecs.config -e A=1 --env B --env-file /x amazon/amazon-ecs-agent:latest -e NOT_A_FLAG=1',
    );
    expect(dockerRunEnvironment(words)).toEqual({
      envFiles: ['/etc/ecs/ecs.config', '/x'],
      flags: [
        { key: 'A', value: '1' },
        { key: 'B', value: null },
      ],
      image: 'amazon/amazon-ecs-agent:latest',
    });
  });

  it('understands `docker container run`', () => {
    expect(dockerRunEnvironment(['docker', 'container', 'run', 'img'])?.image).toBe('img');
  });

  it('is null for other docker commands', () => {
    expect(dockerRunEnvironment(['docker', 'start', 'ecs-agent'])).toBeNull();
  });
});
