// clausecheck clauses: write an "AI Services Addendum" with the library's clauses in a playbook's
// position, for every requirement the playbook needs, a selection (--only), or the gaps of an
// earlier report (--from-report).
import { extname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { VERSION } from '../../check/index.js';
import { buildAddendum, contractOfReport, matchIds, playbookIds, reportGaps } from '../../clauses/addendum.js';
import { renderAddendumDocx } from '../../clauses/docx.js';
import type { Position } from '../../clauses/index.js';
import { renderAddendumHtml, renderAddendumMarkdown } from '../../clauses/render.js';
import { writeFileAtomic } from '../../write-file.js';
import { DEFAULT_PLAYBOOK, loadPlaybook } from '../../playbook/index.js';
import { validateReport } from '../../render/validate-report.js';
import type { Report, Status } from '../../types.js';
import { InputError } from '../../types.js';
import { readBounded } from '../../read-file.js';
import { EXIT_OK, UsageError } from '../errors.js';

const FORMATS = ['md', 'html', 'docx'] as const;
type AddendumFormat = (typeof FORMATS)[number];

interface ClausesArgs {
  playbook?: string;
  only?: string;
  position: Position;
  format?: AddendumFormat;
  output?: string;
  'from-report'?: string;
  'effective-date'?: string;
}

function formatFor(args: ClausesArgs): AddendumFormat {
  if (args.format) return args.format;
  const ext = args.output ? extname(args.output).toLowerCase() : '';
  if (ext === '.docx') return 'docx';
  if (ext === '.html' || ext === '.htm') return 'html';
  return 'md';
}

function readReport(path: string): Report {
  let raw: string;
  try {
    raw = readBounded(path, 256 * 1048576, 'report').toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'report not found' : `cannot read report (${code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new InputError(path, `not JSON (${(err as Error).message.split('\n')[0]}); write the report with check --format json`);
  }
  const v = validateReport(data);
  if (!v.valid) {
    const e = v.errors[0]!;
    throw new InputError(path, `not a clausecheck JSON report: ${e.pointer || '/'} ${e.message}`);
  }
  return data as Report;
}

export const clausesCommand: CommandModule<object, ClausesArgs> = {
  command: 'clauses',
  describe: 'Write an AI Services Addendum with the clauses a playbook requires (or the gaps of a report)',
  builder: (y: Argv) =>
    y
      .option('playbook', { alias: 'p', type: 'string', describe: `built-in playbook (ai-buyer, ai-provider) or a YAML file [default: ${DEFAULT_PLAYBOOK}, or the report's]` })
      .option('only', { type: 'string', describe: "requirement IDs or patterns, comma-separated: 'DR-*,EC-NOTIFICATION'" })
      .option('position', { choices: ['preferred', 'fallback'] as const, default: 'preferred' as Position, describe: 'negotiating position of the clauses' })
      .option('format', { alias: 'f', choices: FORMATS, describe: 'output format [default: from the --output extension, else md]' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file (required for docx)' })
      .option('from-report', { type: 'string', describe: "a JSON report of clausecheck check: only the clauses for its gaps, in its contract's party names and terms" })
      .option('effective-date', { type: 'string', describe: 'date the addendum takes effect, YYYY-MM-DD (default: when the last party signs)' })
      .example('$0 clauses --playbook ai-buyer -o addendum.docx', 'every clause the buyer playbook requires or recommends')
      .example("$0 clauses --only 'DR-*,EC-*' --position fallback -f md", 'fallback clauses for two domains, to stdout')
      .example('$0 clauses --from-report report.json -o fixes.docx', 'clauses for the gaps of an earlier check') as unknown as Argv<ClausesArgs>,
  handler: async (args) => {
    const format = formatFor(args);
    if (format === 'docx' && !args.output) throw new UsageError('docx output needs --output FILE');
    const report = args['from-report'] ? readReport(args['from-report']) : undefined;
    const builtin = report && (report.playbook === 'ai-buyer' || report.playbook === 'ai-provider') ? report.playbook : undefined;
    if (report && !args.playbook && !builtin) {
      process.stderr.write(
        `clausecheck: note: ${args['from-report']} was checked with playbook '${report.playbook}'; writing ${DEFAULT_PLAYBOOK} clauses (give --playbook to choose)\n`,
      );
    }
    const playbook = loadPlaybook(args.playbook ?? builtin ?? DEFAULT_PLAYBOOK);

    let ids: string[];
    if (args.only !== undefined) {
      const { ids: picked, unmatched } = matchIds(args.only);
      if (unmatched.length) throw new UsageError(`--only: ${unmatched.map((u) => `'${u}'`).join(', ')} matches no requirement ID (AD-*, DR-*, EC-*)`);
      ids = picked;
    } else {
      ids = playbookIds(playbook);
    }
    let statuses: Map<string, Status> | undefined;
    if (report) {
      statuses = reportGaps(report);
      ids = ids.filter((id) => statuses!.has(id));
    }
    if (ids.length === 0 && !report && args.only !== undefined) {
      throw new UsageError(`--only '${args.only ?? ''}' selects no requirement ID (IDs such as DR-NO-TRAINING, patterns such as 'DR-*')`);
    }
    if (ids.length === 0) {
      process.stderr.write(
        report
          ? `clausecheck: ${args['from-report']}: no gaps to address among the selected requirements; nothing written\n`
          : 'clausecheck: no requirement selected; nothing written\n',
      );
      process.exitCode = EXIT_OK;
      return;
    }
    let effectiveDate: Date | undefined;
    if (args['effective-date'] !== undefined) {
      const v = args['effective-date'].trim();
      effectiveDate = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined;
      if (!effectiveDate || Number.isNaN(effectiveDate.getTime()) || effectiveDate.toISOString().slice(0, 10) !== v) {
        throw new UsageError(`--effective-date ${args['effective-date']}: expected a date YYYY-MM-DD`);
      }
    }
    let contract;
    if (report) {
      const got = await contractOfReport(report, args['from-report']!);
      if (got.reason) process.stderr.write(`clausecheck: note: ${got.reason}; the addendum keeps the playbook's names and placeholders\n`);
      contract = got.contract;
    }
    const addendum = buildAddendum({
      playbook, ids, position: args.position, statuses, tool: `clausecheck ${VERSION}`,
      ...(contract ? { contract } : {}),
      ...(effectiveDate ? { effectiveDate } : {}),
    });
    const out: string | Buffer =
      format === 'docx' ? await renderAddendumDocx(addendum) : format === 'html' ? renderAddendumHtml(addendum) : renderAddendumMarkdown(addendum);
    if (args.output) writeFileAtomic(args.output, out);
    else process.stdout.write(out);
    process.exitCode = EXIT_OK;
  },
};
