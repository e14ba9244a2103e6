/**
 * Hostile EventBridge events (property-based, fast-check) through the real change handler
 * logic: wrong types, missing and huge fields, control characters, lone surrogates, random
 * JSON. Every event ends in a clear outcome (rejected with the bad field named, ignored with a
 * reason, or handled); none crashes the handler or leaves a promise rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../shared/errors';
import { parseComputeEnvironmentEvent } from '../../shared/events/parse-event';
import { handleChangeEvent } from '../../shared/pipeline/handle-change-event';
import type { AccountReader } from '../../shared/pipeline/ports';
import { createComputeEnvironmentEvent } from '../support/moto-world';

const VALID = createComputeEnvironmentEvent(
  'etl',
  'arn:aws:batch:us-east-1:123456789012:compute-environment/etl',
);

/** A reader for an account where the compute environment was deleted meanwhile. */
const emptyAccount = {
  describeComputeEnvironment: async () => null,
} as unknown as AccountReader;

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom('\uD800', '\u0000', '\u001b[2J', 'x'.repeat(300_000), '', null, 42, [], {}),
);

const PATHS: readonly (readonly string[])[] = [
  ['source'],
  ['detail-type'],
  ['account'],
  ['region'],
  ['time'],
  ['detail'],
  ['detail', 'eventSource'],
  ['detail', 'eventName'],
  ['detail', 'eventID'],
  ['detail', 'eventTime'],
  ['detail', 'awsRegion'],
  ['detail', 'errorCode'],
  ['detail', 'recipientAccountId'],
  ['detail', 'requestParameters'],
  ['detail', 'requestParameters', 'computeEnvironmentName'],
  ['detail', 'responseElements'],
  ['detail', 'responseElements', 'computeEnvironmentArn'],
  ['detail', 'responseElements', 'computeEnvironmentName'],
];

/** The valid event with the value at each chosen path replaced (or deleted). */
function mutate(
  replacements: readonly { path: readonly string[]; value: unknown; remove: boolean }[],
) {
  const event = structuredClone(VALID) as Record<string, unknown>;
  for (const { path, value, remove } of replacements) {
    let node: Record<string, unknown> | undefined = event;
    for (const key of path.slice(0, -1)) {
      const next: unknown = node?.[key];
      node =
        typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
    }
    const last = path.at(-1) as string;
    if (!node) continue;
    if (remove) delete node[last];
    else node[last] = value;
  }
  return event;
}

const mutatedEvent = fc
  .array(
    fc.record({ path: fc.constantFrom(...PATHS), value: hostileValue, remove: fc.boolean() }),
    { minLength: 1, maxLength: 4 },
  )
  .map(mutate);

describe('hostile EventBridge events', () => {
  it('parse into an audit, an ignore with a reason, or an InvalidEventError naming fields (1,000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedEvent, hostileValue), (event) => {
        try {
          const parsed = parseComputeEnvironmentEvent(event);
          if (parsed.kind === 'ignored') expect(parsed.reason.length).toBeGreaterThan(0);
          else expect(parsed.computeEnvironment.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventError);
          const { fields, message } = error as InvalidEventError;
          expect(fields.length).toBeGreaterThan(0);
          expect(message.length).toBeLessThan(2_000);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never make the change handler throw: each ends rejected, ignored or handled (1,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedEvent, hostileValue), async (event) => {
        const outcome = await handleChangeEvent(event, {
          reader: emptyAccount,
          notifier: { publish: async () => undefined },
          now: () => new Date(0),
          settleDelaysSeconds: [],
        });
        expect(['rejected', 'ignored', 'deleted', 'audited']).toContain(outcome.status);
        if (outcome.status === 'rejected') expect(outcome.reason).toMatch(/\w+(\.\w+)*: /);
      }),
      { numRuns: 1000 },
    );
  });
});
