/** `batch-ami-audit score <file|->`: score collector output or host facts captured elsewhere. */
import type { Command } from 'commander';
import type { AuditReport } from '../../shared/core/report';
import { auditHostFacts } from '../audit-host';
import { emit } from '../emit';
import { parseHostFactsText } from '../host-facts-input';
import { readInput } from '../io';
import { type ReportOptions, withReportOptions } from '../report-options';

export function registerScore(program: Command): void {
  withReportOptions(
    program
      .command('score')
      .description(
        'score raw collector output (from `collect`) or a host facts JSON file against the host rules',
      )
      .argument('<file>', 'the file to score; - reads stdin'),
  ).action(async (file: string, options: ReportOptions) => emit(await scoreFile(file), options));
}

/** The report for the collector output or host facts in `path` (`-`: stdin), labelled with its name. */
export async function scoreFile(path: string): Promise<AuditReport> {
  const input = await readInput(path);
  return auditHostFacts(parseHostFactsText(input), { kind: 'host', label: input.name });
}
