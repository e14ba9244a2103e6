/**
 * The change-only Notifier: compares a run with what people were last told, publishes what
 * changed (one message per compute environment and AMI, or one digest per sweep), then records
 * it. Ports in, no SDK: shared/aws/sns-notifier.ts wires SNS and DynamoDB to it.
 *
 * Delivery is at least once. State is written only after the message that announces it was
 * published, so a failed publish is retried (the SDK retries, then the handler throws and Lambda
 * retries and dead-letters) and never lost; a crash between publish and write can repeat a
 * message, never drop one. Writing per group right after its message keeps that window small.
 */
import type { NotificationRun, Notifier } from '../pipeline/ports';
import { type Log, type MetricSink, NO_METRICS, SILENT_LOG } from '../pipeline/telemetry';
import { buildDigestDocument, buildFindingsDocument, groupTransitions } from './document';
import type { FindingState, FindingStateStore } from './finding-state';
import { buildSnsMessage, type SnsMessage } from './sns-message';
import { detectTransitions, type Transition } from './transitions';

/** Sends one message to the topic; throws when it could not. */
export interface MessagePublisher {
  publish(message: SnsMessage): Promise<void>;
}

/** What the change-only notifier needs: where states live, how to send, how to route. */
export interface ChangeNotifierDeps {
  readonly store: FindingStateStore;
  readonly publisher: MessagePublisher;
  /** Compute environment tag names that route alerts (`team`, `owner`). */
  readonly routingTagNames: readonly string[];
  readonly now: () => Date;
  readonly log?: Log;
  readonly metrics?: MetricSink;
}

/**
 * @example
 * const notifier = createChangeOnlyNotifier({ store, publisher, routingTagNames: ['team'], now: () => new Date() });
 * await notifier.publish({ kind: 'change', auditId, accountId, region, reports, scope, complete: false });
 */
export function createChangeOnlyNotifier(deps: ChangeNotifierDeps): Notifier {
  const log = deps.log ?? SILENT_LOG;
  const metrics = deps.metrics ?? NO_METRICS;

  const record = async (states: readonly FindingState[]) => {
    if (states.length === 0) return;
    const { skipped } = await deps.store.save(states);
    if (skipped > 0) {
      // A later audit recorded these findings first; its view stands.
      log.warn('Finding states were newer in the store; kept them', { skipped });
      metrics.count('FindingStateConflicts', skipped);
    }
  };
  const send = async (message: SnsMessage) => {
    await deps.publisher.publish(message);
    metrics.count('NotificationsPublished');
  };

  return {
    async publish(run: NotificationRun): Promise<void> {
      const now = deps.now();
      const previous = await deps.store.load({
        accountId: run.accountId,
        region: run.region,
        ...(run.complete ? {} : { computeEnvironments: run.scope.map((ce) => ce.name) }),
      });
      const transitions = detectTransitions(previous, run, {
        routingTagNames: deps.routingTagNames,
        now,
      });
      countTransitions(transitions, metrics);
      const announced = transitions.filter((t) => t.notify);
      log.info('Finding changes', {
        runKind: run.kind,
        transitions: transitions.length,
        announced: announced.length,
      });

      if (run.kind === 'sweep') {
        if (announced.length > 0) {
          await send(buildSnsMessage(buildDigestDocument(run, transitions, now)));
        }
        await record(transitions.map((t) => t.state));
        return;
      }
      const context = {
        auditId: run.auditId,
        kind: run.kind,
        accountId: run.accountId,
        region: run.region,
        now,
      };
      for (const group of groupTransitions(transitions)) {
        await send(buildSnsMessage(buildFindingsDocument(group, context)));
        await record(group.transitions.map((t) => t.state));
      }
      await record(transitions.filter((t) => !t.notify).map((t) => t.state));
    },
  };
}

function countTransitions(transitions: readonly Transition[], metrics: MetricSink): void {
  for (const change of ['new', 'regressed', 'changed', 'resolved'] as const) {
    const n = transitions.filter((t) => t.notify && t.change === change).length;
    if (n > 0) metrics.count(`Findings${change[0]?.toUpperCase()}${change.slice(1)}`, n);
  }
  const silent = transitions.filter((t) => !t.notify).length;
  if (silent > 0) metrics.count('FindingsWaivedChanges', silent);
}
