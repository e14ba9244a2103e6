/**
 * Counts AWS API calls by service and operation, through an SDK middleware
 * (so every call is counted, whoever makes it). Retries of one call count once.
 */
import type { MiddlewareStack } from '@smithy/types';

interface CountableClient {
  readonly middlewareStack: Pick<MiddlewareStack<object, object>, 'add'>;
}

export class CallCounter {
  private readonly counts = new Map<string, number>();

  attach(client: CountableClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const { clientName = 'unknown', commandName = 'unknown' } = context as {
          clientName?: string;
          commandName?: string;
        };
        const key = `${clientName.replace(/Client$/, '')}:${commandName.replace(/Command$/, '')}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'batchAmiAuditorCallCounter', override: true },
    );
  }

  /** Calls per `Service:Operation`, sorted by name. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }
}
