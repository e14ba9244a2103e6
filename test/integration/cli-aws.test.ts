/**
 * `batch-ami-audit ce` and `sweep` from a workstation, against moto_server through
 * `--endpoint-url`: the verdicts, the report shape and the exit codes a pipeline gates on.
 */
import { CreateComputeEnvironmentCommand } from '@aws-sdk/client-batch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRunSchema } from '../../shared/core/report-schema';
import { runCli } from '../support/cli';
import { type MotoServer, startMoto } from '../support/moto';
import { MOTO_AMIS, MotoWorld } from '../support/moto-world';

let moto: MotoServer;
let env: Record<string, string>;

beforeAll(async () => {
  moto = await startMoto();
  const world = await new MotoWorld(moto).setUp();
  await world.createComputeEnvironment('cli-good', { imageId: MOTO_AMIS.al2023 });
  await world.createComputeEnvironment('cli-paravirtual', { imageId: MOTO_AMIS.paravirtual });
  await world.batch.send(
    new CreateComputeEnvironmentCommand({
      computeEnvironmentName: 'cli-fargate',
      type: 'MANAGED',
      computeResources: {
        type: 'FARGATE',
        maxvCpus: 4,
        subnets: [world.subnetId],
        securityGroupIds: [world.securityGroupId],
      },
      serviceRole: world.serviceRoleArn,
    }),
  );
  env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', BAA_QUIET: '1' };
});

afterAll(async () => {
  await moto?.stop();
});

const aws = () => ['--endpoint-url', moto.endpoint, '--region', 'us-east-1'];

describe('batch-ami-audit ce', () => {
  it('exits 0 with a PASS report for a compute environment on the ECS-optimized image', () => {
    const { code, stdout } = runCli(['ce', 'cli-good', ...aws(), '--format', 'json'], { env });
    const run = auditRunSchema.parse(JSON.parse(stdout));
    expect(run.verdict).toBe('PASS');
    expect(run.reports.map((r) => [r.target.amiId, r.verdict])).toEqual([
      [MOTO_AMIS.al2023, 'PASS'],
    ]);
    expect(code).toBe(0);
  });

  it('exits 1 and names the failed rule for a paravirtual image', () => {
    const { code, stdout } = runCli(['ce', 'cli-good', 'cli-paravirtual', ...aws()], { env });
    expect(stdout).toContain('image-hvm');
    expect(stdout).toContain(MOTO_AMIS.paravirtual);
    expect(code).toBe(1);
  });

  it('exits 65 naming a compute environment that does not exist', () => {
    const { code, stderr } = runCli(['ce', 'no-such-ce', ...aws()], { env });
    expect(stderr.trim()).toBe(
      'batch-ami-audit: compute environment no-such-ce does not exist in us-east-1',
    );
    expect(code).toBe(65);
  });

  it('exits 69 when AWS cannot be reached', () => {
    const { code, stderr } = runCli(
      ['ce', 'cli-good', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1'],
      {
        env,
      },
    );
    expect(stderr).toMatch(/^batch-ami-audit: /);
    expect(code).toBe(69);
  });
});

describe('batch-ami-audit sweep', () => {
  it('audits every compute environment with an AMI and exits with the worst verdict', () => {
    const { code, stdout } = runCli(['sweep', ...aws(), '--format', 'json'], { env });
    const run = auditRunSchema.parse(JSON.parse(stdout));
    const byCe = Object.fromEntries(
      run.reports.map((r) => [r.target.computeEnvironment?.name, r.verdict]),
    );
    expect(byCe).toEqual({ 'cli-good': 'PASS', 'cli-paravirtual': 'FAIL' });
    expect(run.verdict).toBe('FAIL');
    expect(code).toBe(1);
  });

  it('says on stderr and in the report which compute environments had no AMI to audit', () => {
    const { stderr } = runCli(['sweep', ...aws()], { env: { ...env, BAA_QUIET: '0' } });
    expect(stderr).toMatch(/cli-fargate.*not applicable/i);
    const { stdout } = runCli(['sweep', ...aws(), '--format', 'json'], { env });
    const run = auditRunSchema.parse(JSON.parse(stdout));
    expect(run.notApplicable).toEqual([
      {
        computeEnvironment: expect.stringContaining('cli-fargate'),
        reason: expect.stringMatching(/Fargate/i),
      },
    ]);
    const text = runCli(['sweep', ...aws()], { env }).stdout;
    expect(text).toMatch(/Not applicable \(no AMI to audit\)\n\s+\S*cli-fargate\S*: .*Fargate/i);
  });
});
