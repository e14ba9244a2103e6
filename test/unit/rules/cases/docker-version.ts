import { fact, hostSubject, unknownFact } from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 Docker 25.0.16',
      subject: hostSubject('al2023'),
      message: /Docker 25\.0\.16 \(server\) is 1\.9 or newer/,
      evidence: /cmd:docker version 25\.0\.16/,
    },
    {
      name: 'daemon stopped: the client version is used',
      subject: hostSubject('al2023', {
        docker: { serverVersion: unknownFact('daemon not running') },
      }),
      message: /Docker 25\.0\.16 \(client\)/,
    },
  ],
  fail: [
    {
      name: 'Docker 1.6.2',
      subject: hostSubject('al2023', {
        docker: { serverVersion: fact('1.6.2'), clientVersion: fact('1.6.2') },
      }),
      message: /Docker 1\.6\.2 \(server\) is older than 1\.9/,
    },
    {
      name: 'Docker not installed',
      subject: hostSubject('al2023', {
        docker: {
          clientVersion: fact(null),
          serverVersion: unknownFact('no docker socket'),
          daemonInstalled: fact(false),
        },
      }),
      message: /Docker is not installed: there is no docker CLI and no dockerd/,
    },
  ],
  inconclusive: [
    {
      name: 'versions unreadable',
      subject: hostSubject('al2023', {
        docker: {
          clientVersion: unknownFact('docker timed out'),
          serverVersion: unknownFact('docker timed out'),
        },
      }),
      message: /Docker version is unknown: docker timed out/,
    },
    {
      name: 'dockerd present but no CLI and no answer',
      subject: hostSubject('al2023', {
        docker: { clientVersion: fact(null), serverVersion: unknownFact('socket refused') },
      }),
      message: /Docker version is unknown: socket refused/,
    },
  ],
};
