import {
  absentFile,
  ECS_SERVICE,
  envFile,
  fact,
  type HAND_WRITTEN_UNIT,
  hostSubject,
  service,
  unknownFact,
} from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const ETC = '/etc/ecs/ecs.config';
const KEY = 'ECS_AVAILABLE_LOGGING_DRIVERS';
const etc = (value: string) => ({
  ecs: { etcConfig: envFile(ETC, { ECS_CLUSTER: 'batch', [KEY]: value }) },
});
const unit = (exec: string, extra: Partial<typeof HAND_WRITTEN_UNIT> = {}) =>
  fact([
    service({
      name: 'ecs-agent.service',
      path: '/etc/systemd/system/ecs-agent.service',
      exec: [exec],
      ...extra,
    }),
  ]);
const RUN = '/usr/bin/docker run --name ecs-agent --net=host';
const IMAGE = 'amazon/amazon-ecs-agent:latest';

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023: empty /etc/ecs/ecs.config, awslogs from the ecs-init default',
      subject: hostSubject('al2023'),
      message:
        /launched by ecs-init, gets ECS_AVAILABLE_LOGGING_DRIVERS=\["json-file","syslog","awslogs","fluentd","none"\] from ecs-init's default/,
      evidence: /file:\/etc\/ecs\/ecs\.config ECS_AVAILABLE_LOGGING_DRIVERS not set/,
    },
    {
      name: '/etc/ecs/ecs.config lists awslogs',
      subject: hostSubject('al2023', etc('["json-file","awslogs"]')),
      message: /\["json-file","awslogs"\] from \/etc\/ecs\/ecs\.config/,
    },
    {
      name: 'hand-written unit passes /etc/ecs/ecs.config as --env-file',
      subject: hostSubject('hand-written-unit'),
      message:
        /launched by a unit that runs the agent container, gets .*\["json-file","awslogs"\] from \/etc\/ecs\/ecs\.config/,
    },
    {
      name: 'text after the JSON array is not read by the agent',
      subject: hostSubject('al2023', etc('["json-file","awslogs"] # needed by Batch')),
      message: /\["json-file","awslogs"\] from \/etc\/ecs\/ecs\.config/,
    },
    {
      name: '-e NAME copies the value from the unit Environment=',
      subject: hostSubject('hand-written-unit', {
        ecs: {
          services: unit(`${RUN} -e ${KEY} ${IMAGE}`, {
            environment: [{ key: KEY, value: '["awslogs"]' }],
          }),
        },
      }),
      message:
        /\["awslogs"\] from \/etc\/systemd\/system\/ecs-agent\.service -e ECS_AVAILABLE_LOGGING_DRIVERS/,
    },
    {
      name: 'an invalid value is ignored and ecs.config.json supplies awslogs',
      subject: hostSubject('al2023', {
        ecs: {
          etcConfig: envFile(ETC, { [KEY]: 'json-file,awslogs' }),
          jsonConfig: fact(
            { AvailableLoggingDrivers: ['awslogs', 'json-file'] },
            'file:/etc/ecs/ecs.config.json',
          ),
        },
      }),
      message:
        /from \/etc\/ecs\/ecs\.config\.json, which includes awslogs\. \/etc\/ecs\/ecs\.config also sets .*json-file,awslogs, which the agent ignores/,
    },
  ],
  fail: [
    {
      name: '/etc/ecs/ecs.config overrides the ecs-init default without awslogs',
      subject: hostSubject('al2023', etc('["json-file"]')),
      message:
        /\/etc\/ecs\/ecs\.config sets ECS_AVAILABLE_LOGGING_DRIVERS=\["json-file"\] without awslogs \(it replaces ecs-init's default, which has awslogs\)/,
      evidence: /file:\/etc\/ecs\/ecs\.config ECS_AVAILABLE_LOGGING_DRIVERS=\["json-file"\]/,
    },
    {
      name: '/etc/ecs/ecs.config wins over /var/lib/ecs/ecs.config',
      subject: hostSubject('al2023', {
        ecs: {
          varLibConfig: envFile('/var/lib/ecs/ecs.config', { [KEY]: '["awslogs"]' }),
          etcConfig: envFile(ETC, { [KEY]: '["syslog"]' }),
        },
      }),
      message: /^\/etc\/ecs\/ecs\.config sets .*\["syslog"\] without awslogs/,
    },
    {
      name: 'a comma list is not JSON: the agent ignores it and keeps ["json-file","none"]',
      subject: hostSubject('al2023', etc('json-file,awslogs')),
      message:
        /\/etc\/ecs\/ecs\.config sets ECS_AVAILABLE_LOGGING_DRIVERS=json-file,awslogs, which the agent ignores with a warning \(it is not a JSON array.*falls back to the agent's own default, \["json-file","none"\]/,
    },
    {
      name: 'a quoted value reaches the agent with its quotes (ecs-init does not unquote)',
      subject: hostSubject('al2023', etc(`'["json-file","awslogs"]'`)),
      message: /which the agent ignores with a warning \(it is not a JSON array/,
    },
    {
      name: 'an empty list counts as unset and falls back to the agent default',
      subject: hostSubject('al2023', etc('[]')),
      message:
        /ignores with a warning \(it is an empty list\); it falls back to the agent's own default/,
    },
    {
      name: 'ecs.service Environment= does not reach the agent under ecs-init',
      subject: hostSubject('al2023', {
        ecs: {
          etcConfig: envFile(ETC, { [KEY]: '["json-file"]' }),
          services: fact([{ ...ECS_SERVICE, environment: [{ key: KEY, value: '["awslogs"]' }] }]),
        },
      }),
      message: /^\/etc\/ecs\/ecs\.config sets .*\["json-file"\] without awslogs/,
    },
    {
      name: 'hand-written unit that passes no logging drivers: the agent default has no awslogs',
      subject: hostSubject('hand-written-unit', { ecs: { etcConfig: absentFile(ETC) } }),
      message:
        /launched by a unit that runs the agent container, not ecs-init, and nothing sets ECS_AVAILABLE_LOGGING_DRIVERS, so it keeps its own default \["json-file","none"\]/,
    },
    {
      name: 'agent binary unit: EnvironmentFile= overrides Environment=',
      subject: hostSubject('hand-written-unit', {
        ecs: {
          etcConfig: envFile(ETC, { [KEY]: '["json-file"]' }),
          services: unit('/usr/local/bin/amazon-ecs-agent', {
            environment: [{ key: KEY, value: '["awslogs"]' }],
            environmentFiles: ['-/etc/ecs/ecs.config'],
          }),
        },
      }),
      message: /^\/etc\/ecs\/ecs\.config sets .*\["json-file"\] without awslogs\.$/,
    },
    {
      name: 'no agent at all',
      subject: hostSubject('no-agent'),
      message: /No ECS agent is launched on this host, so no agent offers the awslogs driver/,
    },
    {
      name: 'Docker API older than 1.21',
      subject: hostSubject('al2023', {
        docker: { apiVersion: fact('1.20', 'cmd:docker version') },
      }),
      message: /awslogs is listed \(ecs-init's default\), but Docker API 1\.20 is older than 1\.21/,
    },
  ],
  inconclusive: [
    {
      name: '/etc/ecs/ecs.config could not be read',
      subject: hostSubject('al2023', { ecs: { etcConfig: unknownFact('permission denied') } }),
      message: /ECS_AVAILABLE_LOGGING_DRIVERS is unknown: permission denied/,
    },
    {
      name: 'agent container without a unit: its environment was not collected',
      subject: hostSubject('no-agent', {
        ecs: {
          agentContainers: fact([
            { name: 'ecs-agent', image: IMAGE, running: true, restartPolicy: 'always' },
          ]),
        },
      }),
      message: /environment the container ecs-agent gives the agent was not collected/,
    },
    {
      name: 'a unit reads an env file the collector does not read',
      subject: hostSubject('hand-written-unit', {
        ecs: { services: unit(`${RUN} --env-file /etc/ecs/agent.env ${IMAGE}`) },
      }),
      message: /\/etc\/ecs\/agent\.env was not collected/,
    },
  ],
};
