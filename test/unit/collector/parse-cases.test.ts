/**
 * Parser cases no fixture host covers, on collector output written by hand:
 * unit precedence and drop-ins, upstart stanzas, older and newer tool output,
 * a hung or stopped Docker, and sections that are missing altogether.
 */
import { describe, expect, it } from 'vitest';
import { parseCollectorOutput } from '../../../shared/collector/parse';
import { hostFactsSchema } from '../../../shared/core/host-facts';
import {
  collectFacts,
  knownValue,
  reasonOf,
  type SyntheticSection,
  syntheticOutput,
} from './helpers';

const DOCKER_SEEN: SyntheticSection[] = [
  {
    id: 'commands',
    source: 'cmd:command -v',
    lines: ['docker /usr/bin/docker', 'dockerd /usr/bin/dockerd'],
  },
];

function parse(sections: SyntheticSection[], options?: { complete?: boolean }) {
  return parseCollectorOutput(syntheticOutput(sections, options));
}

describe('output with no sections at all', () => {
  it('makes every fact unknown, each with a reason naming what is missing', () => {
    const facts = parse([]);
    expect(() => hostFactsSchema.parse(facts)).not.toThrow();
    const known = collectFacts(facts).filter(({ fact }) => fact.known);
    expect(known.map(({ path }) => path)).toEqual([]);
    expect(reasonOf(facts.kernel.release)).toBe("the collector output has no 'uname-r' section");
  });

  it('reads CRLF line endings as well', () => {
    const text = syntheticOutput([{ id: 'uname-r', source: 'cmd:uname -r', lines: ['6.1.0'] }]);
    const facts = parseCollectorOutput(text.replace(/\n/g, '\r\n'));
    expect(knownValue(facts.kernel.release)).toBe('6.1.0');
  });
});

describe('systemd units', () => {
  const unit = (path: string, lines: string[]): SyntheticSection => ({
    id: 'unit',
    source: `file:${path}`,
    lines,
  });
  const sentinel: SyntheticSection = {
    id: 'docker-version',
    source: 'cmd:docker version',
    status: 127,
  };

  it('uses /etc over /usr/lib, applies drop-ins in order, and resets ExecStart= on an empty one', () => {
    const facts = parse([
      unit('/usr/lib/systemd/system/ecs.service', [
        '[Service]',
        'ExecStart=/usr/libexec/amazon-ecs-init start',
        'Restart=on-failure',
      ]),
      unit('/etc/systemd/system/ecs.service', [
        '[Service]',
        'ExecStart=/usr/local/bin/my-ecs-init start',
        'Restart=on-failure',
      ]),
      unit('/etc/systemd/system/ecs.service.d/20-override.conf', [
        '[Service]',
        'ExecStart=',
        'ExecStart=/usr/bin/docker run \\',
        '    --name ecs-agent \\',
        '    amazon/amazon-ecs-agent:latest',
        '# Restart=always',
        'Restart=no',
        'Environment="A=1 2" B=3',
      ]),
      { id: 'wants', source: 'dir:/etc/systemd/system/*.wants', lines: [] },
      sentinel,
    ]);
    const [service, ...others] = knownValue(facts.ecs.services);
    expect(others).toEqual([]);
    expect(service).toMatchObject({
      name: 'ecs.service',
      path: '/etc/systemd/system/ecs.service',
      exec: ['/usr/bin/docker run --name ecs-agent amazon/amazon-ecs-agent:latest'],
      environment: [
        { key: 'A', value: '1 2' },
        { key: 'B', value: '3' },
      ],
    });
    expect(service?.restarts).toMatchObject({ value: false, from: { excerpt: 'Restart=no' } });
    // no systemctl answer and no wants link: not enabled, and whether it runs is unknown
    expect(service && knownValue(service.enabledAtBoot)).toBe(false);
    expect(service && reasonOf(service.active)).toMatch(/whether the unit runs is unknown/);
  });

  it('is unknown as a whole when one unit file was truncated', () => {
    const facts = parse([
      { ...unit('/etc/systemd/system/ecs.service', ['[Service]']), truncated: 812 },
      sentinel,
    ]);
    expect(reasonOf(facts.ecs.services)).toMatch(
      /truncated the 'unit' \(file:\/etc\/systemd\/system\/ecs.service\) section \(812 bytes dropped\)/,
    );
  });
});

describe('upstart jobs', () => {
  it('reads respawn, env stanzas, script blocks and a manual stanza', () => {
    const facts = parse([
      {
        id: 'upstart',
        source: 'file:/etc/init/ecs-agent.conf',
        lines: [
          'start on started docker',
          'manual',
          'respawn',
          'env ECS_LOGLEVEL=debug',
          'script',
          '  exec docker run --name ecs-agent amazon/amazon-ecs-agent',
          'end script',
        ],
      },
      {
        id: 'initctl-status',
        source: 'cmd:initctl status ecs-agent',
        lines: ['ecs-agent stop/waiting'],
      },
      { id: 'docker-version', source: 'cmd:docker version', status: 127 },
    ]);
    const [job] = knownValue(facts.ecs.services);
    expect(job).toMatchObject({
      name: 'ecs-agent',
      manager: 'upstart',
      exec: ['exec docker run --name ecs-agent amazon/amazon-ecs-agent'],
      environment: [{ key: 'ECS_LOGLEVEL', value: 'debug' }],
    });
    expect(job && knownValue(job.restarts)).toBe(true);
    // `manual` overrides `start on`
    expect(job && knownValue(job.enabledAtBoot)).toBe(false);
    expect(job && knownValue(job.active)).toBe(false);
  });
});

describe('Docker', () => {
  it('reads plain `docker version` of a Docker whose server block nests under Engine:', () => {
    const facts = parse([
      ...DOCKER_SEEN,
      {
        id: 'docker-version',
        source: 'cmd:docker version --format {{json .}}',
        status: 1,
        lines: ['template: error'],
      },
      {
        id: 'docker-version-plain',
        source: 'cmd:docker version',
        lines: [
          'Client: Docker Engine - Community',
          ' Version:           24.0.7',
          ' API version:       1.43',
          '',
          'Server: Docker Engine - Community',
          ' Engine:',
          '  Version:          24.0.7',
          '  API version:      1.43 (minimum version 1.12)',
          ' containerd:',
          '  Version:          1.6.26',
        ],
      },
    ]);
    expect(knownValue(facts.docker.clientVersion)).toBe('24.0.7');
    expect(knownValue(facts.docker.serverVersion)).toBe('24.0.7');
    expect(knownValue(facts.docker.apiVersion)).toBe('1.43');
  });

  it('reads plain `docker version` of a Docker older than 1.8 (flat "Server version:" lines)', () => {
    const facts = parse([
      ...DOCKER_SEEN,
      {
        id: 'docker-version',
        source: 'cmd:docker version --format {{json .}}',
        status: 2,
        lines: ['flag provided but not defined: --format'],
      },
      {
        id: 'docker-version-plain',
        source: 'cmd:docker version',
        lines: [
          'Client version: 1.7.1',
          'Client API version: 1.19',
          'Go version (client): go1.4.2',
          'Server version: 1.7.1',
          'Server API version: 1.19',
        ],
      },
    ]);
    expect(knownValue(facts.docker.clientVersion)).toBe('1.7.1');
    expect(facts.docker.serverVersion).toMatchObject({
      value: '1.7.1',
      from: { source: 'cmd:docker version' },
    });
    expect(knownValue(facts.docker.apiVersion)).toBe('1.19');
  });

  it('knows there is no agent container when the docker CLI has no daemon beside it', () => {
    const facts = parse([
      { id: 'commands', source: 'cmd:command -v', lines: ['docker /usr/bin/docker', 'dockerd -'] },
    ]);
    expect(knownValue(facts.ecs.agentContainers)).toEqual([]);
  });

  it('says a hung daemon is unknown, not stopped', () => {
    const facts = parse([
      ...DOCKER_SEEN,
      { id: 'docker-version', source: 'cmd:docker version', status: 124 },
    ]);
    expect(reasonOf(facts.docker.daemonRunning)).toMatch(/timed out/);
    expect(reasonOf(facts.ecs.agentContainers)).toMatch(/timed out/);
  });

  it('reads a stopped daemon as installed and not running, its version from dockerd, its runtimes from its configuration', () => {
    const facts = parse([
      ...DOCKER_SEEN,
      {
        id: 'docker-version',
        source: 'cmd:docker version --format {{json .}}',
        status: 1,
        lines: [
          '{"Client":{"Version":"25.0.16","ApiVersion":"1.44"},"Server":null}',
          'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
        ],
      },
      {
        id: 'dockerd-version',
        source: 'cmd:dockerd --version',
        lines: ['Docker version 25.0.16, build cb5d2b2'],
      },
      {
        id: 'daemon-json',
        source: 'file:/etc/docker/daemon.json',
        lines: [
          '{"runtimes":{"nvidia":{"path":"nvidia-container-runtime"}},"exec-opts":["native.cgroupdriver=systemd"]}',
        ],
      },
      {
        id: 'runtimes-dir',
        source: 'dir:/etc/docker-runtimes.d',
        lines: ['x nvidia-cdi', '- README'],
      },
    ]);
    expect(facts.docker.serverVersion).toMatchObject({
      value: '25.0.16',
      from: { source: 'cmd:dockerd --version' },
    });
    expect(knownValue(facts.docker.daemonInstalled)).toBe(true);
    expect(facts.docker.daemonRunning).toMatchObject({
      value: false,
      from: {
        excerpt:
          'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      },
    });
    expect(reasonOf(facts.docker.apiVersion)).toMatch(/did not answer: Cannot connect/);
    expect(knownValue(facts.docker.runtimes)).toEqual(['nvidia', 'nvidia-cdi', 'runc']);
    expect(knownValue(facts.docker.cgroupDriver)).toBe('systemd');
    expect(reasonOf(facts.docker.storageDriver)).toMatch(/daemon.json does not set it/);
  });
});

describe('NVIDIA', () => {
  it('tells driver presence from /proc/driver/nvidia on a kernel without loadable modules', () => {
    const noModules: SyntheticSection = {
      id: 'nvidia-modules',
      source: 'file:/proc/modules',
      status: 1,
    };
    const without = parse([
      noModules,
      { id: 'nvidia-version', source: 'file:/proc/driver/nvidia/version', status: 1 },
    ]);
    expect(knownValue(without.gpu.driverLoaded)).toBe(false);

    const withDriver = parse([
      noModules,
      {
        id: 'nvidia-version',
        source: 'file:/proc/driver/nvidia/version',
        lines: [
          'NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build',
        ],
      },
    ]);
    expect(knownValue(withDriver.gpu.driverLoaded)).toBe(true);
  });

  it('reads the proprietary kernel module version line', () => {
    const facts = parse([
      {
        id: 'nvidia-version',
        source: 'file:/proc/driver/nvidia/version',
        lines: [
          'NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.163.01  Tue Apr  8 12:04:37 UTC 2025',
        ],
      },
    ]);
    expect(knownValue(facts.gpu.driverVersion)).toBe('550.163.01');
  });

  const smiFails: SyntheticSection = {
    id: 'nvidia-smi',
    source: 'cmd:nvidia-smi --query-gpu',
    status: 9,
    lines: ["NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."],
  };

  it('lists no GPU when nvidia-smi fails on a host without NVIDIA devices (a GPU AMI on a CPU instance)', () => {
    const facts = parse([
      { id: 'nvidia-pci', source: 'dir:/sys/bus/pci/devices', lines: [] },
      smiFails,
    ]);
    expect(knownValue(facts.gpu.devices)).toEqual([]);
  });

  it('leaves the GPUs unknown when nvidia-smi fails on a host that has one', () => {
    const facts = parse([
      {
        id: 'nvidia-pci',
        source: 'dir:/sys/bus/pci/devices',
        lines: ['0000:00:1e.0 0x10de 0x030200'],
      },
      smiFails,
    ]);
    expect(reasonOf(facts.gpu.devices)).toMatch(/nvidia-smi failed: NVIDIA-SMI has failed/);
  });

  it('counts display controllers, not NVSwitches', () => {
    const facts = parse([
      {
        id: 'nvidia-pci',
        source: 'dir:/sys/bus/pci/devices',
        lines: [
          '0000:10:00.0 0x10de 0x030200',
          '0000:11:00.0 0x10de 0x030200',
          '0000:20:00.0 0x10de 0x068000',
        ],
      },
    ]);
    expect(knownValue(facts.gpu.nvidiaPciDevices)).toBe(2);
  });
});

describe('packages, OS release, agent state', () => {
  it('does not count a removed package whose configuration remains (dpkg rc)', () => {
    const facts = parse([
      { id: 'rpm', source: 'cmd:rpm -q', status: 127 },
      { id: 'dpkg', source: 'cmd:dpkg-query -W', lines: ['amazon-ecs-init 1.90.0-1 rc '] },
    ]);
    expect(knownValue(facts.ecs.ecsInitPackage)).toBeNull();
  });

  it('is unknown about packages when neither rpm nor dpkg-query exists', () => {
    const facts = parse([
      { id: 'rpm', source: 'cmd:rpm -q', status: 127 },
      { id: 'dpkg', source: 'cmd:dpkg-query -W', status: 127 },
    ]);
    expect(reasonOf(facts.ecs.ecsInitPackage)).toBe(
      'installed packages could not be listed: rpm is not installed; dpkg-query is not installed',
    );
  });

  it('undoes os-release quoting, and says which key is missing', () => {
    const facts = parse([
      {
        id: 'os-release',
        source: 'file:/etc/os-release',
        lines: [
          '# comment',
          'ID=debian',
          'PRETTY_NAME="Debian GNU/Linux \\"trixie\\""',
          "ID_LIKE='rhel fedora'",
        ],
      },
    ]);
    expect(knownValue(facts.os.prettyName)).toBe('Debian GNU/Linux "trixie"');
    expect(knownValue(facts.os.idLike)).toEqual(['rhel', 'fedora']);
    expect(reasonOf(facts.os.versionId)).toBe('/etc/os-release has no VERSION_ID');
  });

  it.each([
    ['curl', 7, null],
    ['curl', 28, null],
    ['wget', 4, null],
    ['curl', 2, /curl failed \(exit 2\): curl: option --noproxy: is unknown/],
    ['curl', 127, /neither curl nor wget/],
  ])('reads %s exiting %i from the introspection endpoint as %s', (tool, status, expected) => {
    const facts = parse([
      {
        id: 'introspection',
        source: `cmd:${tool} http://127.0.0.1:51678/v1/metadata`,
        status,
        lines: status === 2 ? ['curl: option --noproxy: is unknown'] : [],
      },
    ]);
    if (expected === null) expect(knownValue(facts.ecs.introspection)).toBeNull();
    else expect(reasonOf(facts.ecs.introspection)).toMatch(expected);
  });

  it('keeps a checkpoint whose time stat could not read, with a null time', () => {
    const facts = parse([
      { id: 'checkpoints', source: 'dir:/var/lib/ecs/data', lines: ['- ./agent.db'] },
    ]);
    expect(knownValue(facts.ecs.checkpointFiles)).toEqual([
      { path: '/var/lib/ecs/data/agent.db', modifiedAt: null },
    ]);
  });
});
