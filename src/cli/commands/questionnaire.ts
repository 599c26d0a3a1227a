// clausecheck questionnaire template | check | map : the vendor due-diligence questionnaire.
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
  'auto-map'?: boolean;
  'map-threshold'?: number;
}

interface MapArgs {
  file: string;
  output?: string;
  sheet?: string;
  threshold?: number;
  encoding?: Encoding;
  questionnaire?: string;
  'max-size': number;
}

/** A confidence threshold given on the command line: a number from 0 to 1. */
function threshold(v: number | undefined, option: string): number | undefined {
  if (v === undefined) return undefined;
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1)) throw new UsageError(`${option} must be a number from 0 to 1 (a confidence)`);
  return v;
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
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' })
      .option('auto-map', { type: 'boolean', describe: 'a foreign sheet without --mapping: map its rows to the questions by text similarity (see `questionnaire map`); rows below --map-threshold are listed as unmapped' })
      .option('map-threshold', { type: 'number', describe: 'with --auto-map: the confidence (0..1) a row needs to be mapped [default: 0.6]' }) as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    const maxBytes = maxSizeBytes(args['max-size']);
    if (args['auto-map'] && args.mapping !== undefined) throw new UsageError('--auto-map and --mapping do not go together: the mapping file says which rows answer which question');
    if (args['map-threshold'] !== undefined && !args['auto-map']) throw new UsageError('--map-threshold goes with --auto-map');
    const mapThreshold = threshold(args['map-threshold'], '--map-threshold');
    const { checkQuestionnaire, DEFAULT_MAP_THRESHOLD, questionnaireExitCode } = await import('../../questionnaire/index.js');
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
      ...(args['auto-map'] ? { autoMap: mapThreshold ?? DEFAULT_MAP_THRESHOLD } : {}),
    });
    const out = renderQuestionnaire(report, args.format, { color: !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR });
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = questionnaireExitCode(report, args['fail-on']);
  },
};

const mapCommand: CommandModule<object, MapArgs> = {
  command: 'map <file>',
  describe: "Propose a mapping for a foreign questionnaire sheet (its rows matched to the bank's questions by text similarity), to edit and pass to check --mapping",
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'answered foreign questionnaire (.xlsx or .csv)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the mapping YAML to this file (replaced if it exists) and print a summary' })
      .option('sheet', { type: 'string', describe: 'sheet to read (default: the first visible sheet with a header row)' })
      .option('threshold', { type: 'number', describe: 'confidence (0..1) a row needs to be mapped; rows below are written commented out [default: 0.6]' })
      .option('encoding', { choices: ENCODINGS, describe: 'text encoding of a CSV (default: UTF-8, or UTF-16 with a byte order mark)' })
      .option('questionnaire', { type: 'string', describe: 'question bank YAML (default: the shipped ai-vendor questionnaire)' })
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' }) as unknown as Argv<MapArgs>,
  handler: async (args) => {
    const maxBytes = maxSizeBytes(args['max-size']);
    const t = threshold(args.threshold, '--threshold');
    const { mapQuestionnaire } = await import('../../questionnaire/index.js');
    const p = await mapQuestionnaire(args.file, { questionnaire: args.questionnaire, sheet: args.sheet, encoding: args.encoding, maxBytes, ...(t !== undefined ? { threshold: t } : {}) });
    for (const w of p.warnings) process.stderr.write(`clausecheck: warning: ${w}\n`);
    if (!args.output) {
      process.stdout.write(p.yaml);
      return;
    }
    writeOutput(args.output, p.yaml);
    const mapped = p.rows.filter((r) => r.target).length;
    const review = p.rows.filter((r) => r.target && r.note).length;
    const where = [...(p.sheet !== undefined ? [`sheet "${p.sheet}"`] : []), `header row ${p.header.row}`].join(', ');
    process.stdout.write(
      `${args.file} (${where}): ${p.rows.length} rows, ${mapped} mapped at confidence ${p.threshold.toFixed(2)} or more (${review} of them with a note to check), ${p.rows.length - mapped} to review (commented out)\n` +
        `wrote ${args.output}; edit it, then: clausecheck questionnaire check ${args.file} --mapping ${args.output}\n`,
    );
  },
};

export const questionnaireCommand: CommandModule = {
  command: 'questionnaire <command>',
  describe: 'Vendor due-diligence questionnaire: write the template, check answers against a contract, map a foreign sheet',
  builder: (y: Argv) => y.command(templateCommand).command(checkCommand).command(mapCommand).demandCommand(1, 'say template, check or map'),
  handler: () => {},
};
