/** `batch-ami-audit rules`: the rule catalogue. */
import type { Command } from 'commander';
import {
  renderCatalogueJson,
  renderCatalogueMarkdown,
  renderCatalogueText,
} from '../../shared/report/catalogue';
import { RULES } from '../../shared/rules/index';
import { writeOutput } from '../io';
import { outputPaint, type ReportOptions, withReportOptions } from '../report-options';

const FORMATS = ['text', 'json', 'markdown'] as const;

export function registerRules(program: Command): void {
  withReportOptions(
    program
      .command('rules')
      .description('list the rules the auditor checks (id, level, severity, scope, title)'),
    FORMATS,
  ).action(async (options: ReportOptions<(typeof FORMATS)[number]>) => {
    const render = {
      text: () => renderCatalogueText(RULES, outputPaint(options)),
      json: () => renderCatalogueJson(RULES),
      markdown: () => renderCatalogueMarkdown(RULES),
    }[options.format];
    await writeOutput(render(), options.output);
  });
}
