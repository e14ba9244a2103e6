/**
 * `batch-ami-audit ami` and `ce`/`sweep --probe`, run as a user runs them (the built CLI in a
 * process of its own), against a probe world: moto_server plus the scripted SSM whose collector
 * output is the real collector on a fixture host, served on one endpoint (--endpoint-url).
 * Instances come online at once there, so the CLI's waits are shrunk (BAA_PROBE_WAIT_SCALE).
 */
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateSecurityGroupCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema, auditRunSchema } from '../../../shared/core/report-schema';
import { runCli, startCli } from '../../support/cli';
import { motoClientConfig } from '../../support/moto';
import { MOTO_AMIS, MotoWorld } from '../../support/moto-world';
import { HEALTHY, ProbeWorld } from '../../support/probe-world';
import { type ProbeWorldEndpoint, serveProbeWorld } from '../../support/probe-world-endpoint';

let world: ProbeWorld;
let served: ProbeWorldEndpoint;

beforeAll(async () => {
  world = await ProbeWorld.create();
  served = await serveProbeWorld(world);
});
afterAll(async () => {
  await served?.close();
  await world?.stop();
});
afterEach(() => {
  world.scenario = HEALTHY;
});

/** This world's instances boot, collect and register at once (its clock does not follow the CLI's). */
const AT_ONCE = {
  ...HEALTHY,
  bootSeconds: 0,
  collectorSeconds: 0,
  agent: { ...HEALTHY.agent, afterSeconds: 0 },
};
const env = (waitScale = '0.001') => ({
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  BAA_PROBE_WAIT_SCALE: waitScale,
});
/** The stack's outputs, as a user passes them. */
const probeOptions = () => [
  '--endpoint-url',
  served.endpoint,
  '--region',
  'us-east-1',
  '--cluster',
  world.cluster,
  '--instance-profile',
  world.instanceProfileArn,
  '--owner',
  world.owner,
];

/** Creates a stack in moto with these outputs (one topic: a stack needs a resource). */
async function createStack(name: string, outputs: Record<string, string>): Promise<void> {
  const cfn = new CloudFormationClient(motoClientConfig(world.moto));
  await cfn.send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: JSON.stringify({
        Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
        Outputs: Object.fromEntries(
          Object.entries(outputs).map(([key, value]) => [key, { Value: value }]),
        ),
      }),
    }),
  );
}

/** Every instance ever launched from `ami`, whatever its state. */
async function instancesOf(ami: string): Promise<string[]> {
  const { Reservations = [] } = await world.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'image-id', Values: [ami] }] }),
  );
  return Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? '');
}

describe('batch-ami-audit ami', () => {
  it('probes the official AL2023 AMI, terminates the probe and exits 0 with a PASS report', async () => {
    world.scenario = AT_ONCE;
    const ami = await world.freshAmi();
    const sentBefore = world.callsOf('SendCommand').length;

    const { code, stdout, stderr } = await startCli(
      [
        'ami',
        ami,
        ...probeOptions(),
        '--subnet',
        world.subnetId,
        '--instance-type',
        't2.micro',
        '--format',
        'json',
      ],
      { env: env() },
    ).result;

    const report = auditReportSchema.parse(JSON.parse(stdout));
    expect(report).toMatchObject({ verdict: 'PASS', target: { kind: 'ami', amiId: ami } });
    const statusOf = (ruleId: string) => report.findings.find((f) => f.ruleId === ruleId)?.status;
    // Judged for the instance type it was probed on, on host facts collected from it, joined.
    expect(statusOf('image-architecture')).toBe('PASS');
    expect(statusOf('awslogs-logging-driver')).toBe('PASS');
    expect(statusOf('join-agent-registered')).toBe('PASS');
    expect(code).toBe(0);
    // Progress on stderr, never on stdout (which is the report alone).
    expect(stderr).toMatch(new RegExp(`${ami}: Launched (i-[0-9a-f]+) \\(t2\\.micro\\)`));
    expect(stderr).toMatch(new RegExp(`${ami}: Terminated i-[0-9a-f]+\\.`));
    expect(world.callsOf('SendCommand')).toHaveLength(sentBefore + 1);
    expect(await instancesOf(ami)).toHaveLength(1);
    expect(await world.liveProbeInstances()).toEqual([]);
  });

  it('exits 1 without launching anything when the image rules already fail the AMI', async () => {
    const { code, stdout, stderr } = await startCli(
      ['ami', MOTO_AMIS.paravirtual, ...probeOptions(), '--subnet', world.subnetId],
      { env: env() },
    ).result;
    expect(stdout).toMatch(/^Verdict: FAIL/);
    expect(stdout).toContain('image-hvm');
    expect(stderr).toContain(
      `${MOTO_AMIS.paravirtual}: not probed: the image rules already fail it`,
    );
    expect(code).toBe(1);
    expect(await instancesOf(MOTO_AMIS.paravirtual)).toEqual([]);
  });

  it('takes the probe options a user leaves out from the deployed stack (--stack)', async () => {
    world.scenario = AT_ONCE;
    await createStack('auditor-probe-outputs', {
      ProbeClusterName: world.cluster,
      ProbeInstanceProfileArn: world.instanceProfileArn,
      ProbeOwner: world.owner,
      ProbeFactsTableName: world.table,
    });
    const ami = await world.freshAmi();

    const { code, stdout, stderr } = await startCli(
      [
        'ami',
        ami,
        '--endpoint-url',
        served.endpoint,
        '--region',
        'us-east-1',
        '--stack',
        'auditor-probe-outputs',
        '--subnet',
        world.subnetId,
        '--instance-type',
        't2.micro',
        '--format',
        'json',
      ],
      { env: env() },
    ).result;

    expect(stderr).toMatch(new RegExp(`${ami}: Terminated i-[0-9a-f]+\\.`));
    const report = auditReportSchema.parse(JSON.parse(stdout));
    expect(report).toMatchObject({ verdict: 'PASS' });
    // Joined the stack's probe cluster (the join test looks there).
    expect(report.findings.find((f) => f.ruleId === 'join-agent-registered')?.status).toBe('PASS');
    expect(code).toBe(0);
    // Tagged with the stack's owner, so the stack's janitor could reap it.
    const { Reservations = [] } = await world.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'image-id', Values: [ami] }] }),
    );
    const [probe] = Reservations.flatMap((r) => r.Instances ?? []);
    expect(probe?.Tags).toContainEqual({ Key: 'batch-ami-auditor:owner', Value: world.owner });
    expect(await world.liveProbeInstances()).toEqual([]);
  });

  it('exits 64 naming a stack that does not exist, or one that is not the auditor', async () => {
    await createStack('not-the-auditor', { Something: 'else' });
    // Asynchronously: the endpoint is served from this process.
    const run = (stack: string) =>
      startCli(
        [
          'ami',
          'ami-0123456789abcdef0',
          '--endpoint-url',
          served.endpoint,
          '--region',
          'us-east-1',
          '--stack',
          stack,
          '--subnet',
          world.subnetId,
        ],
        { env: env() },
      ).result;

    const missing = await run('no-such-stack');
    expect(missing.stderr.trim()).toBe(
      'batch-ami-audit: --stack no-such-stack: no such stack in us-east-1',
    );
    expect(missing.code).toBe(64);
    const foreign = await run('not-the-auditor');
    expect(foreign.stderr.trim()).toBe(
      'batch-ami-audit: --stack not-the-auditor: the stack has no output ProbeClusterName, ProbeInstanceProfileArn, ProbeOwner, ProbeFactsTableName: is it a batch-ami-auditor stack?',
    );
    expect(foreign.code).toBe(64);
  });

  it('exits 64, before any AWS call, naming the options a probe needs', () => {
    const { code, stderr } = runCli(['ami', 'ami-0123456789abcdef0'], { env: env() });
    expect(stderr.trim()).toBe(
      'batch-ami-audit: --cluster, --instance-profile, --subnet are needed to probe (or --stack <name> of the deployed auditor)',
    );
    expect(code).toBe(64);
  });

  it('on Ctrl-C while waiting for SSM, still terminates the probe and exits 2', async () => {
    world.scenario = { ...AT_ONCE, bootSeconds: Number.POSITIVE_INFINITY };
    const ami = await world.freshAmi();
    const cli = startCli(
      ['ami', ami, ...probeOptions(), '--subnet', world.subnetId, '--instance-type', 't2.micro'],
      { env: env('0.01') },
    );

    const launched = await cli.stderrMatching(/Launched i-[0-9a-f]+/);
    await cli.stderrMatching(/Not online in SSM yet/);
    cli.child.kill('SIGINT');
    const { code, stdout, stderr } = await cli.result;

    const instanceId = launched.replace('Launched ', '');
    expect(stderr).toContain(`Terminated ${instanceId}.`);
    expect(await world.liveProbeInstances()).toEqual([]);
    expect(stdout).toMatch(/^Verdict: INCONCLUSIVE/);
    expect(stdout).toContain('Interrupted by Ctrl-C (SIGINT)');
    expect(code).toBe(2);
  });
});

describe('batch-ami-audit ce and sweep with --probe', () => {
  it('probe each AMI that passes the image rules once, and reuse the facts they cache', async () => {
    world.scenario = AT_ONCE;
    const ami = await world.freshAmi();
    // A compute environment in the world's subnet, whose path to SSM the probe can use.
    const batch = await new MotoWorld(world.moto).setUp();
    const { GroupId = '' } = await world.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'batch-probed',
        Description: 'batch',
        VpcId: (await world.deps().ec2.networkPaths([world.subnetId], 'us-east-1'))[0]?.vpcId,
      }),
    );
    Object.assign(batch, { subnetId: world.subnetId, securityGroupId: GroupId });
    await batch.createComputeEnvironment('probed', { imageId: ami });
    const withCache = [...probeOptions(), '--facts-table', world.table, '--format', 'json'];

    const ce = await startCli(['ce', 'probed', '--probe', ...withCache], { env: env() }).result;

    const run = auditRunSchema.parse(JSON.parse(ce.stdout));
    expect(run.reports.map((r) => [r.target.label, r.verdict])).toEqual([
      [`${ami} in probed`, 'PASS'],
    ]);
    expect(
      run.reports[0]?.findings.find((f) => f.ruleId === 'join-awslogs-advertised')?.status,
    ).toBe('PASS');
    expect(ce.code).toBe(0);
    expect(await instancesOf(ami)).toHaveLength(1);

    const sweep = await startCli(['sweep', '--probe', ...withCache], { env: env() }).result;

    const swept = auditRunSchema.parse(JSON.parse(sweep.stdout));
    const probed = swept.reports.find((r) => r.target.computeEnvironment?.name === 'probed');
    expect(probed?.verdict).toBe('PASS');
    expect(probed?.findings.find((f) => f.ruleId === 'join-agent-registered')?.status).toBe('PASS');
    // Judged from the facts the first probe cached: no second instance.
    expect(await instancesOf(ami)).toHaveLength(1);
    expect(await world.liveProbeInstances()).toEqual([]);
  });
});
