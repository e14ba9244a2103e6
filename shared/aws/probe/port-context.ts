/**
 * What the probe's ports are built from. Each adapter module exports a factory of its port, and
 * each probe function builds only the ports its task uses (shared/aws/probe/lambda-runtime.ts),
 * so a function's bundle carries only the SDK clients it calls; the CLI builds them all
 * (deps.ts).
 */
import type { ProbeConfig } from '../../probe/config';
import type { ClientConfig } from '../client-config';

export interface PortContext {
  /** Configuration of every SDK client (clientConfig). */
  readonly aws: ClientConfig;
  readonly config: ProbeConfig;
  /** The probe facts table; without one, nothing is cached (CLI runs without the stack). */
  readonly factsTable?: string;
  readonly now: () => Date;
}

/** Builds one port (an adapter over its own SDK client) for a probe function or the CLI. */
export type PortFactory<T> = (context: PortContext) => T;
