/**
 * Change-only notifications end to end against moto_server, through the real Lambda handlers:
 * a CloudTrail event or the sweep audits, the notifier publishes one MessageStructure json
 * message, and every channel is read back: an SQS queue (the JSON document), a local HTTPS
 * endpoint subscribed to the topic (standing in for Amazon Q Developer in chat applications),
 * the email body of each publish, and the Slack notifier posting to a local webhook. Queues
 * with filter policies prove routing by attribute and by team tag.
 *
 * The steps build on each other, in order, like the life of a compute environment.
 */
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../support/lambda-context';
import { type LocalEndpoint, startLocalEndpoint, testCertificate } from '../support/local-endpoint';
import { type MotoServer, motoClientConfig, startMoto } from '../support/moto';
import {
  type Alert,
  computeEnvironmentCallEvent,
  createComputeEnvironmentEvent,
  MOTO_AMIS,
  MotoWorld,
} from '../support/moto-world';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const WAIVERS_YML = `version: 1
waivers:
  - rule: image-hvm
    match: { computeEnvironment: legacy-* }
    reason: Paravirtual render farm, retired with the Q2 migration (PLAT-1234).
    owner: render-team@example.com
    expires: 2099-12-31
`;

let moto: MotoServer;
let world: MotoWorld;
let chatbot: LocalEndpoint;
let slack: LocalEndpoint;
let auditChange: Handler;
let sweep: Handler;
let slackNotifier: Handler;
const queues = { teamMl: '', critical: '', resolvedOnly: '' };
/** The `Message` of every sns:Publish the functions made (MessageStructure json). */
const published: { email: string; subject: string }[] = [];

beforeAll(async () => {
  const certificate = testCertificate();
  moto = await startMoto({ env: { REQUESTS_CA_BUNDLE: certificate.caPath } });
  world = await new MotoWorld(moto).setUp();
  chatbot = await startLocalEndpoint(certificate);
  slack = await startLocalEndpoint();

  await new SNSClient(motoClientConfig(moto)).send(
    new SubscribeCommand({ TopicArn: world.topicArn, Protocol: 'https', Endpoint: chatbot.url }),
  );
  queues.teamMl = await world.subscribeQueue('team-ml', { tags: ['team=ml'] });
  queues.critical = await world.subscribeQueue('critical', { severity: ['critical'] });
  queues.resolvedOnly = await world.subscribeQueue('resolved-only', { event: ['resolved'] });
  await new SSMClient(motoClientConfig(moto)).send(
    new PutParameterCommand({
      Name: '/batch-ami-auditor/slack-webhook',
      Type: 'SecureString',
      Value: `${slack.url}/services/T000/B000/XXXX`,
    }),
  );

  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    ALERT_TOPIC_ARN: world.topicArn,
    FINDING_STATE_TABLE: world.stateTable,
    ROUTING_TAGS: 'team',
    SLACK_WEBHOOK_PARAMETER: '/batch-ami-auditor/slack-webhook',
    POWERTOOLS_SERVICE_NAME: 'batch-ami-auditor',
    POWERTOOLS_METRICS_NAMESPACE: 'BatchAmiAuditor',
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  // The functions bundle the repository's waivers.yml; this story needs one waiver in it.
  vi.doMock('../../waivers.yml', () => ({ default: WAIVERS_YML }));

  const { sns } = await import('../../shared/lambda/alert-clients');
  sns.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Message?: string; Subject?: string };
      published.push({
        email: JSON.parse(input.Message ?? '{}').email,
        subject: input.Subject ?? '',
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordPublishes' },
  );
  ({ handler: auditChange } = (await import('../../functions/audit-change')) as never);
  ({ handler: sweep } = (await import('../../functions/sweep')) as never);
  ({ handler: slackNotifier } = (await import('../../functions/slack-notifier')) as never);
});

afterAll(async () => {
  await chatbot?.stop();
  await slack?.stop();
  await moto?.stop();
});

/** Everything every channel received since the last call, and the Slack webhook's share. */
async function delivered() {
  const sqs = await world.alerts();
  const slackBefore = slack.requests.length;
  // The Slack notifier is subscribed to the topic with protocol lambda, which gets the same
  // `default` document as SQS; moto cannot run Lambda, so hand it each message as SNS would.
  if (sqs.length > 0) await slackNotifier(snsEvent(sqs), lambdaContext('slackNotifier'));
  return {
    sqs,
    documents: sqs.map((a) => JSON.parse(a.Message)),
    chatbot: chatbot.requests.splice(0).map((r) => JSON.parse(JSON.parse(r.body).Message)),
    email: published.splice(0),
    slack: slack.requests.slice(slackBefore).map((r) => JSON.parse(r.body)),
  };
}

function snsEvent(alerts: readonly Alert[]) {
  return {
    Records: alerts.map((alert, i) => ({
      EventSource: 'aws:sns',
      Sns: { MessageId: `m-${i}`, Message: alert.Message, Subject: alert.Subject },
    })),
  };
}

const change = (event: unknown) => auditChange(event, lambdaContext('auditChange'));
const runSweep = (id: string) =>
  sweep({ id, 'detail-type': 'Scheduled Event', source: 'aws.events' }, lambdaContext('sweep'));

describe('the life of a compute environment, in every channel', () => {
  let mlArn = '';

  it('alerts exactly once per channel when a compute environment gains a bad AMI', async () => {
    await world.createLaunchTemplate('ml-base', [MOTO_AMIS.paravirtual]);
    mlArn = await world.createComputeEnvironment(
      'ml-training',
      { launchTemplate: { launchTemplateName: 'ml-base', version: '$Default' } },
      { team: 'ml' },
    );

    await change(createComputeEnvironmentEvent('ml-training', mlArn, 'evt-create-ml'));
    const got = await delivered();

    expect(got.sqs).toHaveLength(1);
    expect(got.documents[0]).toMatchObject({
      schemaVersion: 2,
      type: 'batch-ami-auditor.findings',
      event: 'alert',
      computeEnvironment: { name: 'ml-training', arn: mlArn },
      amiId: MOTO_AMIS.paravirtual,
      routingTags: { team: 'ml' },
      changes: [{ change: 'new', ruleId: 'image-hvm', status: 'FAIL', severity: 'critical' }],
    });
    expect(got.email).toHaveLength(1);
    expect(got.email[0]?.subject).toBe(
      `[FAIL] Batch AMI ${MOTO_AMIS.paravirtual} in ml-training: new image-hvm`,
    );
    expect(got.email[0]?.email).toContain('NEW image-hvm:');
    expect(got.email[0]?.email).toMatch(/\nFix: .+\n/);
    expect(got.chatbot).toHaveLength(1);
    expect(got.chatbot[0]).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: {
        title: `:rotating_light: FAIL: Batch AMI ${MOTO_AMIS.paravirtual} in ml-training`,
      },
    });
    expect(got.slack).toHaveLength(1);
    expect(got.slack[0].blocks[0].text.text).toBe('🚨 FAIL: Batch AMI in ml-training');
  });

  it('routes it by team tag and by severity, and not to the resolved-only subscriber', async () => {
    expect(await world.alerts(queues.teamMl)).toHaveLength(1);
    expect(await world.alerts(queues.critical)).toHaveLength(1);
    expect(await world.alerts(queues.resolvedOnly)).toHaveLength(0);
  });

  it('sends nothing when the same event is delivered again', async () => {
    await change(createComputeEnvironmentEvent('ml-training', mlArn, 'evt-create-ml'));
    const got = await delivered();
    expect([got.sqs.length, got.chatbot.length, got.email.length]).toEqual([0, 0, 0]);
  });

  it('sends one sweep digest for what the events missed, and nothing when the sweep runs again', async () => {
    await world.createComputeEnvironment(
      'data-etl',
      { imageId: MOTO_AMIS.paravirtual2 },
      { team: 'data' },
    );

    await runSweep('sweep-1');
    const first = await delivered();
    await runSweep('sweep-2');
    const second = await delivered();

    expect(first.sqs).toHaveLength(1);
    expect(first.documents[0]).toMatchObject({
      type: 'batch-ami-auditor.digest',
      counts: { new: 1, changed: 0, resolved: 0 },
      groups: [{ computeEnvironment: { name: 'data-etl' }, changes: [{ ruleId: 'image-hvm' }] }],
    });
    expect(first.email[0]?.subject).toMatch(/^\[Batch AMI sweep\] 1 new; 2 FAIL/);
    expect(first.chatbot).toHaveLength(1);
    expect(first.slack).toHaveLength(1);
    expect([second.sqs.length, second.chatbot.length, second.email.length]).toEqual([0, 0, 0]);
    // The digest names team=data only: the ml team's queue stays quiet.
    expect(await world.alerts(queues.teamMl)).toHaveLength(0);
  });

  it('sends one "resolved" message per channel when the compute environment moves to a good AMI', async () => {
    await world.switchLaunchTemplateImage('ml-base', MOTO_AMIS.al2023);

    await change(computeEnvironmentCallEvent('UpdateComputeEnvironment', mlArn, 'evt-update-ml'));
    const got = await delivered();

    expect(got.sqs).toHaveLength(1);
    expect(got.documents[0]).toMatchObject({
      event: 'resolved',
      amiId: MOTO_AMIS.paravirtual,
      changes: [{ change: 'resolved', ruleId: 'image-hvm', resolution: 'ami-replaced' }],
    });
    expect(got.email.map((e) => e.subject)).toEqual([
      `[RESOLVED] Batch AMI ${MOTO_AMIS.paravirtual} in ml-training: image-hvm`,
    ]);
    expect(got.email[0]?.email).toContain(
      'Resolved because: the compute environment no longer launches this AMI',
    );
    expect(got.chatbot).toHaveLength(1);
    expect(got.chatbot[0].content.title).toMatch(/^:white_check_mark: RESOLVED/);
    expect(got.slack).toHaveLength(1);
    expect(await world.alerts(queues.resolvedOnly)).toHaveLength(1);
    expect(await world.alerts(queues.teamMl)).toHaveLength(1);
  });

  it('stays silent for a waived rule, which still appears in the report as waived', async () => {
    const arn = await world.createComputeEnvironment('legacy-render', {
      imageId: MOTO_AMIS.paravirtual,
    });

    const outcome = await change(createComputeEnvironmentEvent('legacy-render', arn, 'evt-legacy'));
    await runSweep('sweep-3');
    const got = await delivered();

    expect([got.sqs.length, got.chatbot.length, got.email.length]).toEqual([0, 0, 0]);
    expect(outcome).toMatchObject({
      status: 'audited',
      verdicts: [{ amiId: MOTO_AMIS.paravirtual, waivedRules: ['image-hvm'] }],
    });
    expect((outcome as { verdicts: { verdict: string }[] }).verdicts[0]?.verdict).not.toBe('FAIL');
  });

  it('resolves the findings of a deleted compute environment, once', async () => {
    await world.deleteComputeEnvironment('data-etl');

    await change(computeEnvironmentCallEvent('DeleteComputeEnvironment', 'data-etl', 'evt-del'));
    await change(computeEnvironmentCallEvent('DeleteComputeEnvironment', 'data-etl', 'evt-del'));
    const got = await delivered();

    expect(got.sqs).toHaveLength(1);
    expect(got.documents[0]).toMatchObject({
      event: 'resolved',
      computeEnvironment: { name: 'data-etl' },
      routingTags: { team: 'data' },
      changes: [{ resolution: 'compute-environment-deleted' }],
    });
    expect(got.email).toHaveLength(1);
  });
});

describe('the Slack notifier', () => {
  const document = async () => {
    // Any real notification: take one from the story above, as the topic delivers it.
    await world.createComputeEnvironment('slack-probe', { imageId: MOTO_AMIS.paravirtual2 });
    await change(
      createComputeEnvironmentEvent(
        'slack-probe',
        'arn:aws:batch:us-east-1:123456789012:compute-environment/slack-probe',
        'evt-slack',
      ),
    );
    const sqs = await world.alerts();
    chatbot.requests.splice(0);
    published.splice(0);
    return sqs;
  };

  it('retries a 429 (after Retry-After) and a 503, then posts the message once', async () => {
    const alerts = await document();
    const before = slack.requests.length;
    slack.answerNext({ status: 429, headers: { 'retry-after': '0' } }, { status: 503 });

    await slackNotifier(snsEvent(alerts), lambdaContext('slackNotifier'));

    const posts = slack.requests.slice(before);
    expect(posts).toHaveLength(3);
    expect(posts.every((p) => p.path === '/services/T000/B000/XXXX')).toBe(true);
    expect(JSON.parse(posts[2]?.body ?? '{}').text).toContain('slack-probe');
  });

  it('fails on a message it cannot read, so Lambda retries and dead-letters it (never dropped)', async () => {
    const alerts = [
      {
        Message: JSON.stringify({ schemaVersion: 2, type: 'batch-ami-auditor.findings' }),
      },
    ] as Alert[];
    await expect(slackNotifier(snsEvent(alerts), lambdaContext('slackNotifier'))).rejects.toThrow(
      /not a batch-ami-auditor notification this version reads/,
    );
  });
});
