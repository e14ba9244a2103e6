/**
 * Finding lifecycles through the change-only notifier, with an in-memory state store: what
 * people are told, and how many times, as a compute environment's AMI goes bad, stays bad, is
 * fixed, breaks again, is waived, or disappears.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../../shared/core/report';
import { createChangeOnlyNotifier } from '../../../shared/notify/change-notifier';
import type { NotificationRun } from '../../../shared/pipeline/ports';
import { applyWaivers } from '../../../shared/waivers/apply';
import type { Waiver } from '../../../shared/waivers/schema';
import {
  agentOld,
  BAD_AMI,
  bootMode,
  capturePublisher,
  ceReport,
  changeRun,
  evaluated,
  GOOD_AMI,
  hvm,
  memoryStore,
  T0,
} from './support/fixtures';

let store: ReturnType<typeof memoryStore>;
let publisher: ReturnType<typeof capturePublisher>;
let clock: Date;
let notify: (run: NotificationRun) => Promise<void>;

beforeEach(() => {
  store = memoryStore();
  publisher = capturePublisher();
  clock = T0;
  const notifier = createChangeOnlyNotifier({
    store,
    publisher,
    routingTagNames: ['team'],
    now: () => clock,
  });
  notify = (run) => notifier.publish(run);
});

/** A change run for `ce` launching one AMI with these findings. */
const onAmi = (ce: string, ami: string, findings: Parameters<typeof ceReport>[2], auditId = 'a') =>
  changeRun([ceReport(ce, ami, findings, clock)], [evaluated(ce, [ami])], { auditId });

const subjects = () => publisher.sent.map((m) => m.subject);

describe('a compute environment that gains a bad AMI, keeps it, fixes it, and breaks again', () => {
  it('alerts once, stays silent, resolves once, and alerts again on regression', async () => {
    // new
    await notify(onAmi('gpu', BAD_AMI, [hvm()]));
    expect(subjects()).toEqual([`[FAIL] Batch AMI ${BAD_AMI} in gpu: new image-hvm`]);

    // unchanged: silent
    await notify(onAmi('gpu', BAD_AMI, [hvm()], 'b'));
    expect(publisher.sent).toHaveLength(1);

    // the compute environment moves to a good AMI: one "resolved"
    await notify(onAmi('gpu', GOOD_AMI, [hvm('PASS')], 'c'));
    expect(subjects()[1]).toBe(`[RESOLVED] Batch AMI ${BAD_AMI} in gpu: image-hvm`);
    expect(publisher.documents()[1]).toMatchObject({
      event: 'resolved',
      amiId: BAD_AMI,
      verdict: null,
      changes: [{ change: 'resolved', resolution: 'ami-replaced', status: 'RESOLVED' }],
    });

    // still good: silent
    await notify(onAmi('gpu', GOOD_AMI, [hvm('PASS')], 'd'));
    expect(publisher.sent).toHaveLength(2);

    // back to the bad AMI: a new message, marked as back
    await notify(onAmi('gpu', BAD_AMI, [hvm()], 'e'));
    expect(subjects()[2]).toBe(`[FAIL] Batch AMI ${BAD_AMI} in gpu: back image-hvm`);
    expect(publisher.documents()[2].changes[0]).toMatchObject({
      change: 'regressed',
      previous: { status: 'RESOLVED' },
    });
    expect(publisher.sent).toHaveLength(3);
  });

  it('sends nothing for a duplicate delivery of the same event', async () => {
    const run = onAmi('gpu', BAD_AMI, [hvm()]);
    await notify(run);
    await notify(run);
    expect(publisher.sent).toHaveLength(1);
  });

  it('resolves once when the same AMI starts passing', async () => {
    await notify(onAmi('gpu', BAD_AMI, [hvm()]));
    await notify(onAmi('gpu', BAD_AMI, [hvm('PASS')]));
    await notify(onAmi('gpu', BAD_AMI, [hvm('PASS')]));

    expect(publisher.documents().map((d) => [d.event, d.changes[0].resolution])).toEqual([
      ['alert', null],
      ['resolved', 'passes'],
    ]);
    expect(publisher.documents()[1]).toMatchObject({ verdict: 'PASS', amiId: BAD_AMI });
  });
});

describe('changes of status and severity', () => {
  it('announces FAIL → INCONCLUSIVE and a severity change, each once', async () => {
    await notify(onAmi('gpu', BAD_AMI, [hvm('FAIL')]));
    await notify(onAmi('gpu', BAD_AMI, [hvm('INCONCLUSIVE')]));
    await notify(onAmi('gpu', BAD_AMI, [hvm('INCONCLUSIVE', 'high')]));
    await notify(onAmi('gpu', BAD_AMI, [hvm('INCONCLUSIVE', 'high')]));

    const changes = publisher.documents().map((d) => d.changes[0]);
    expect(changes.map((c) => [c.change, c.status, c.severity, c.previous])).toEqual([
      ['new', 'FAIL', 'critical', null],
      ['changed', 'INCONCLUSIVE', 'critical', { status: 'FAIL', severity: 'critical' }],
      ['changed', 'INCONCLUSIVE', 'high', { status: 'INCONCLUSIVE', severity: 'critical' }],
    ]);
  });

  it('puts every change of one compute environment and AMI in one message', async () => {
    await notify(onAmi('gpu', BAD_AMI, [hvm(), bootMode()]));
    expect(publisher.sent).toHaveLength(1);
    expect(publisher.documents()[0]).toMatchObject({
      counts: { new: 2, changed: 0, resolved: 0 },
      failedRules: ['image-hvm'],
      highestSeverity: 'critical',
    });
  });

  it('never alerts on warnings (recommended or advisory rules)', async () => {
    await notify(onAmi('gpu', GOOD_AMI, [hvm('PASS'), agentOld()]));
    expect(publisher.sent).toEqual([]);
    expect(store.states.size).toBe(0);
  });
});

describe('waivers', () => {
  const waiver: Waiver = {
    rule: 'image-hvm',
    match: { computeEnvironment: 'legacy-*' },
    reason: 'Retired in Q2.',
    owner: 'render-team',
    expires: '2026-12-31',
  };
  const waived = (report: AuditReport, now: Date) => applyWaivers(report, [waiver], now);

  it('records a waived finding silently, and alerts once when the waiver expires', async () => {
    const run = (auditId: string) =>
      changeRun(
        [waived(ceReport('legacy-render', BAD_AMI, [hvm()], clock), clock)],
        [evaluated('legacy-render', [BAD_AMI])],
        { auditId },
      );

    await notify(run('a'));
    expect(publisher.sent).toEqual([]);
    expect([...store.states.values()][0]).toMatchObject({ ruleId: 'image-hvm', waived: true });

    clock = new Date('2027-01-01T04:00:00.000Z');
    await notify(run('b'));
    await notify(run('c'));

    expect(publisher.sent).toHaveLength(1);
    expect(publisher.documents()[0].changes[0]).toMatchObject({
      change: 'changed',
      status: 'FAIL',
      finding: { waiver: { expired: true, expires: '2026-12-31' } },
    });
  });

  it('goes quiet when an alerting finding is waived, and says nothing when it then resolves', async () => {
    await notify(onAmi('legacy-a', BAD_AMI, [hvm()]));
    await notify(
      changeRun(
        [waived(ceReport('legacy-a', BAD_AMI, [hvm()], clock), clock)],
        [evaluated('legacy-a', [BAD_AMI])],
      ),
    );
    await notify(onAmi('legacy-a', GOOD_AMI, [hvm('PASS')]));
    expect(publisher.sent).toHaveLength(1);
  });
});

describe('resolution is scoped to what the run evaluated', () => {
  it('leaves other compute environments alone in a change run', async () => {
    await notify(onAmi('a', BAD_AMI, [hvm()]));
    await notify(onAmi('b', GOOD_AMI, [hvm('PASS')]));
    expect(publisher.sent).toHaveLength(1);
  });

  it('leaves an AMI handed to the probe alone (still launched, no report yet)', async () => {
    await notify(onAmi('gpu', BAD_AMI, [hvm()]));
    await notify(changeRun([], [evaluated('gpu', [BAD_AMI])]));
    expect(publisher.sent).toHaveLength(1);
  });

  it('leaves rules this run did not evaluate alone (image-only report after a probe)', async () => {
    const kernel = { ...bootMode('FAIL'), ruleId: 'kernel-version', scope: 'host' as const };
    await notify(onAmi('gpu', BAD_AMI, [hvm(), kernel]));
    await notify(onAmi('gpu', BAD_AMI, [hvm()]));
    expect(publisher.sent).toHaveLength(1);
  });

  it('lets a probe run change only the AMIs it reports', async () => {
    await notify(
      changeRun(
        [ceReport('gpu', BAD_AMI, [hvm()]), ceReport('gpu', GOOD_AMI, [bootMode()])],
        [evaluated('gpu', [BAD_AMI, GOOD_AMI])],
      ),
    );
    // The probe of GOOD_AMI: no amiIds in its scope, so BAD_AMI's finding stays open.
    await notify(
      changeRun([ceReport('gpu', GOOD_AMI, [bootMode('PASS')])], [evaluated('gpu')], {
        kind: 'probe',
      }),
    );
    // (Messages of one run go out in compute environment and AMI order.)
    expect(publisher.documents().map((d) => [d.amiId, d.event])).toEqual([
      [GOOD_AMI, 'alert'],
      [BAD_AMI, 'alert'],
      [GOOD_AMI, 'resolved'],
    ]);
  });

  it('resolves the findings of a deleted compute environment, routed to its team', async () => {
    await notify(onAmi('gpu', BAD_AMI, [hvm(), bootMode()]));
    await notify(changeRun([], [{ name: 'gpu', amiIds: [] }], { kind: 'deleted' }));

    const resolved = publisher.sent[1];
    expect(resolved?.subject).toBe(
      `[RESOLVED] Batch AMI ${BAD_AMI} in gpu: image-hvm, image-boot-mode`,
    );
    expect(JSON.parse(JSON.parse(resolved?.message ?? '{}').default).changes).toEqual([
      expect.objectContaining({ resolution: 'compute-environment-deleted' }),
      expect.objectContaining({ resolution: 'compute-environment-deleted' }),
    ]);
    expect(resolved?.attributes.tags).toEqual({
      DataType: 'String.Array',
      StringValue: '["team=ml"]',
    });
  });

  it('resolves a compute environment whose AMI could not be resolved once it can be', async () => {
    const unresolved = { ...hvm(), ruleId: 'ami-resolvable', scope: 'resolution' as const };
    await notify(changeRun([ceReport('lt', undefined, [unresolved])], [evaluated('lt', [])]));
    await notify(onAmi('lt', GOOD_AMI, [hvm('PASS')]));
    expect(publisher.documents().map((d) => [d.amiId, d.event])).toEqual([
      [null, 'alert'],
      [null, 'resolved'],
    ]);
  });
});

describe('the sweep', () => {
  const sweepRun = (reports: AuditReport[], names: string[], auditId = 'sweep-1') =>
    changeRun(
      reports,
      names.map((n) =>
        evaluated(
          n,
          reports
            .filter((r) => r.target.computeEnvironment?.name === n)
            .map((r) => r.target.amiId ?? ''),
        ),
      ),
      { kind: 'sweep', complete: true, auditId },
    );

  it('sends one digest per run, and none when nothing changed', async () => {
    const reports = [
      ceReport('a', BAD_AMI, [hvm()]),
      ceReport('b', BAD_AMI, [hvm()]),
      ceReport('c', GOOD_AMI, [hvm('PASS')]),
    ];
    await notify(sweepRun(reports, ['a', 'b', 'c']));
    await notify(sweepRun(reports, ['a', 'b', 'c'], 'sweep-2'));

    expect(publisher.sent).toHaveLength(1);
    expect(publisher.sent[0]?.subject).toBe('[Batch AMI sweep] 2 new; 2 FAIL, 1 PASS');
    expect(publisher.documents()[0]).toMatchObject({
      type: 'batch-ami-auditor.digest',
      counts: { new: 2, changed: 0, resolved: 0 },
      totals: { computeEnvironments: 3, reports: 3, verdicts: { FAIL: 2, PASS: 1 } },
      worstOffenders: [
        { computeEnvironment: { name: 'a' }, failedRules: ['image-hvm'] },
        { computeEnvironment: { name: 'b' }, failedRules: ['image-hvm'] },
      ],
    });
  });

  it('resolves, in its digest, the findings of compute environments that no longer exist', async () => {
    await notify(sweepRun([ceReport('a', BAD_AMI, [hvm()])], ['a']));
    await notify(sweepRun([], [], 'sweep-2'));

    expect(publisher.documents()[1]).toMatchObject({
      counts: { new: 0, resolved: 1 },
      groups: [{ changes: [{ resolution: 'compute-environment-deleted' }] }],
    });
  });
});

describe('delivery', () => {
  it('records nothing when the publish fails, so the retry announces it (once)', async () => {
    publisher.failNext();
    await expect(notify(onAmi('gpu', BAD_AMI, [hvm()]))).rejects.toThrow('SNS is unavailable');
    expect(store.states.size).toBe(0);

    await notify(onAmi('gpu', BAD_AMI, [hvm()]));
    await notify(onAmi('gpu', BAD_AMI, [hvm()]));
    expect(publisher.sent).toHaveLength(1);
  });

  it('records nothing when a sweep digest fails to publish', async () => {
    publisher.failNext();
    const run = changeRun([ceReport('a', BAD_AMI, [hvm()])], [evaluated('a', [BAD_AMI])], {
      kind: 'sweep',
      complete: true,
    });
    await expect(notify(run)).rejects.toThrow('SNS is unavailable');
    expect(store.states.size).toBe(0);
  });

  it('never lets an older audit overwrite a newer state', async () => {
    clock = new Date('2026-11-28T05:00:00.000Z');
    await notify(onAmi('gpu', BAD_AMI, [hvm()]));
    clock = T0; // an older event, processed late
    await notify(onAmi('gpu', BAD_AMI, [hvm('PASS')]));
    expect([...store.states.values()][0]).toMatchObject({ status: 'FAIL' });
  });
});
