// clausecheck check FILE|FOLDER... : one report with one entry per document.
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { checkFiles } from '../../check/index.js';
import { FORMATS, type ReportFormat, render } from '../../render/index.js';
import type { Report, Severity } from '../../types.js';
import { EXIT_GAPS, EXIT_OK, UsageError, maxSizeBytes } from '../errors.js';
import { writeOutput } from '../output.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

interface CheckArgs {
  files: string[];
  format: ReportFormat;
  output?: string;
  'fail-on': (typeof SEVERITIES)[number] | 'none';
  rules?: string;
  'max-size': number;
  playbook: string;
  redline?: string;
}

/** Exit 1 when any gap is at or above the threshold. */
export function exitCodeFor(report: Report, failOn: CheckArgs['fail-on']): number {
  if (failOn === 'none') return EXIT_OK;
  const gaps = report.documents.flatMap((d) => d.requirements).filter((r) => r.status !== 'met' && RANK[r.severity] >= RANK[failOn]);
  return gaps.length ? EXIT_GAPS : EXIT_OK;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <files..>',
  describe: 'Check contracts (PDF, DOCX, TXT, MD or folders) against every requirement',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'contract files or folders' })
      .option('format', { alias: 'f', choices: FORMATS, default: 'text' as ReportFormat, describe: 'report format' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
      .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'high' as const, describe: 'exit 1 when a gap is at or above this severity' })
      .option('playbook', { alias: 'p', type: 'string', default: 'ai-buyer', describe: 'ai-buyer, ai-provider, a playbook YAML file, or none (catalog statuses only)' })
      .option('redline', { type: 'string', describe: 'write a copy of the (single) DOCX contract with suggested clauses as tracked changes' })
      .option('rules', { type: 'string', describe: 'rules folder (default: the shipped packs)' })
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' }) as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    if (args.redline && (args.files.length !== 1 || !/\.docx$/i.test(args.files[0]!))) {
      throw new UsageError('--redline needs exactly one .docx contract');
    }
    if (args.output && args.files.some((f) => resolve(f) === resolve(args.output!))) {
      throw new UsageError(`--output ${args.output} is one of the contracts; give another file name`);
    }
    if (args.redline && resolve(args.redline) === resolve(args.files[0]!)) {
      throw new UsageError('--redline would overwrite the contract itself; give another file name');
    }
    if (args.redline && args.output && resolve(args.redline) === resolve(args.output)) {
      throw new UsageError('--redline and --output name the same file; give them different names');
    }
    const maxBytes = maxSizeBytes(args['max-size']);
    // --playbook none: the catalog statuses as the rules found them, default severities, no suggestions.
    const playbook = args.playbook === 'none' ? null : args.playbook;
    if (args.redline && playbook === null) throw new UsageError('--redline needs a playbook for the clause text (not --playbook none)');
    const report = await checkFiles(args.files, { rulesDir: args.rules, maxBytes, playbook });
    if (args.redline) {
      const { writeRedline } = await import('../../clauses/redline.js');
      const { loadPlaybook } = await import('../../playbook/index.js');
      await writeRedline(args.files[0]!, report.documents[0]!.requirements, args.redline, { playbook: loadPlaybook(args.playbook) });
    }
    const out = render(report, args.format, { color: !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR });
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = exitCodeFor(report, args['fail-on']);
  },
};
