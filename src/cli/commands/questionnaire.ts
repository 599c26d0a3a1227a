// clausecheck questionnaire template | check : the vendor due-diligence questionnaire.
import { extname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
// The library (exceljs, handlebars...) is imported when a questionnaire command runs, so other
// commands do not pay for loading it.
import type { Encoding, TemplateFormat } from '../../questionnaire/index.js';
import type { QuestionnaireFormat } from '../../render/questionnaire.js';
import { UsageError, maxSizeBytes } from '../errors.js';
import { writeOutput } from '../output.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const TEMPLATE_FORMATS: readonly TemplateFormat[] = ['xlsx', 'csv', 'json', 'yaml'];
const QUESTIONNAIRE_FORMATS: readonly QuestionnaireFormat[] = ['text', 'md', 'html', 'json'];
const ENCODINGS: readonly Encoding[] = ['utf8', 'utf16le', 'utf16be', 'latin1', 'windows-1252'];

interface TemplateArgs {
  format?: TemplateFormat;
  output?: string;
  questionnaire?: string;
}

interface CheckArgs {
  answers: string;
  contract?: string;
  mapping?: string;
  sheet?: string;
  encoding?: Encoding;
  format: QuestionnaireFormat;
  output?: string;
  'fail-on': (typeof SEVERITIES)[number] | 'none';
  rules?: string;
  questionnaire?: string;
  'max-size': number;
}

const EXT_FORMAT: Record<string, TemplateFormat> = { '.xlsx': 'xlsx', '.csv': 'csv', '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

const templateCommand: CommandModule<object, TemplateArgs> = {
  command: 'template',
  describe: 'Write the questionnaire to send to a vendor (XLSX, CSV, JSON or YAML)',
  builder: (y: Argv) =>
    y
      .option('format', { alias: 'f', choices: TEMPLATE_FORMATS, describe: 'file format (default: from the --output extension)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file (required for xlsx on a terminal)' })
      .option('questionnaire', { type: 'string', describe: 'question bank YAML (default: the shipped ai-vendor questionnaire)' }) as unknown as Argv<TemplateArgs>,
  handler: async (args) => {
    const format = args.format ?? (args.output ? EXT_FORMAT[extname(args.output).toLowerCase()] : undefined);
    if (!format) throw new UsageError(`say which format to write with --format (${TEMPLATE_FORMATS.join(', ')}) or give --output with one of those extensions`);
    if (format === 'xlsx' && !args.output && process.stdout.isTTY) throw new UsageError('xlsx is binary: give --output FILE.xlsx');
    const { loadQuestionnaire, writeTemplate } = await import('../../questionnaire/index.js');
    const bank = loadQuestionnaire(args.questionnaire);
    const data = await writeTemplate(bank, format);
    if (args.output) writeOutput(args.output, data);
    else process.stdout.write(data);
  },
};

const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <answers>',
  describe: 'Check an answered questionnaire; with --contract, report answers the contract contradicts',
  builder: (y: Argv) =>
    y
      .positional('answers', { type: 'string', demandOption: true, describe: 'answered questionnaire (.xlsx, .csv, .json, .yaml)' })
      .option('contract', { alias: 'c', type: 'string', describe: 'contract to cross-check (PDF, DOCX, TXT, MD)' })
      .option('mapping', { alias: 'm', type: 'string', describe: 'mapping YAML for a foreign questionnaire sheet (e.g. CAIQ-style)' })
      .option('sheet', { type: 'string', describe: 'sheet to read (default: the first visible sheet with a header row)' })
      .option('encoding', { choices: ENCODINGS, describe: 'text encoding of a CSV (default: UTF-8, or UTF-16 with a byte order mark)' })
      .option('format', { alias: 'f', choices: QUESTIONNAIRE_FORMATS, default: 'text' as QuestionnaireFormat, describe: 'report format' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
      .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'high' as const, describe: 'exit 1 when a finding is at or above this severity' })
      .option('rules', { type: 'string', describe: 'rules folder for the contract (default: the shipped packs)' })
      .option('questionnaire', { type: 'string', describe: 'question bank YAML (default: the shipped ai-vendor questionnaire)' })
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' }) as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    const maxBytes = maxSizeBytes(args['max-size']);
    const { checkQuestionnaire, questionnaireExitCode } = await import('../../questionnaire/index.js');
    const { renderQuestionnaire } = await import('../../render/questionnaire.js');
    const report = await checkQuestionnaire(args.answers, {
      questionnaire: args.questionnaire,
      mapping: args.mapping,
      sheet: args.sheet,
      encoding: args.encoding,
      maxBytes,
      contract: args.contract,
      rulesDir: args.rules,
      maxContractBytes: maxBytes,
    });
    const out = renderQuestionnaire(report, args.format, { color: !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR });
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = questionnaireExitCode(report, args['fail-on']);
  },
};

export const questionnaireCommand: CommandModule = {
  command: 'questionnaire <command>',
  describe: 'Vendor due-diligence questionnaire: write the template, check answers against a contract',
  builder: (y: Argv) => y.command(templateCommand).command(checkCommand).demandCommand(1, 'say template or check'),
  handler: () => {},
};
