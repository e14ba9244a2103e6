/**
 * `batch-ami-audit`: audit AWS Batch compute-resource AMIs from a workstation or a pipeline.
 * Exit codes are documented in docs/cli.md.
 */
import { Command } from 'commander';
import { RULES } from '../shared/rules/index';
import { TOOL_VERSION } from '../shared/version';

const program = new Command()
  .name('batch-ami-audit')
  .description('Audit AWS Batch compute-resource AMIs against the Batch AMI specification.')
  .version(TOOL_VERSION);

program
  .command('rules')
  .description('list the rules the auditor checks')
  .action(() => {
    for (const rule of RULES) {
      process.stdout.write(`${rule.id}\t${rule.level}\t${rule.severity}\t${rule.title}\n`);
    }
  });

await program.parseAsync();
