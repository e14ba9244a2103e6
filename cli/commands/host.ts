/** `batch-ami-audit host`: audit the machine the CLI runs on. */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { parseCollectorOutput } from '../../shared/collector/parse';
import { runCollector } from '../../shared/collector/run-local';
import type { AuditReport } from '../../shared/core/report';
import { auditHostFacts } from '../audit-host';
import { emit } from '../emit';
import { type ReportOptions, withReportOptions } from '../report-options';

export function registerHost(program: Command): void {
  withReportOptions(
    program
      .command('host')
      .description('audit this machine: run the collector here and score its facts (offline)'),
  ).action(async (options: ReportOptions) => emit(await auditThisHost(), options));
}

/** Runs the collector on this machine and scores what it saw. */
export async function auditThisHost(): Promise<AuditReport> {
  const facts = parseCollectorOutput(await runCollector());
  const name = hostname();
  return auditHostFacts(facts, { kind: 'host', label: name, hostname: name });
}
