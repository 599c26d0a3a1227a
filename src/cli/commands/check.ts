// clausecheck check FILE|FOLDER... : one report with one entry per document.
// Many files run on a worker pool (--jobs); --format jsonl streams one document per line; --shard
// i/n checks one part of the inputs for `clausecheck merge` to join.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { VERSION, expandInputs } from '../../check/index.js';
import { OCR_MODES, type OcrMode } from '../../ingest/ocr/apply.js';
import { STDIN_FORMATS, STDIN_NAME, type StdinFormat } from '../../ingest/stdin.js';
import { FORMATS, type ReportFormat, render } from '../../render/index.js';
import { reportJson } from '../../render/json.js';
import { baselineKeys, gapKey } from '../../render/sarif.js';
import { validateReport } from '../../render/validate-report.js';
import { InputError } from '../../types.js';
import type { DocumentReport, Report, Severity } from '../../types.js';
import { EXIT_GAPS, EXIT_OK, UsageError, maxSizeBytes } from '../errors.js';
import { writeOutput } from '../output.js';
import { type GapView, documentJson, jsonReportChunks } from './check-line.js';
import { checkBatch, checkBatchJsonl, defaultJobs } from './check-pool.js';
import { registerOptions, withRegister } from './check-register.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };
export const CHECK_FORMATS = [...FORMATS, 'jsonl'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export const PDF_READERS = ['auto', 'poppler', 'pdfjs'] as const;

/** Options of `check` that take a value: a `-` right after one is that value, not standard input. */
const VALUE_OPTIONS = new Set(['-f', '--format', '-o', '--output', '--fail-on', '-p', '--playbook', '--redline', '--rules', '--max-size', '-j', '--jobs', '--shard', '--pdf-reader', '--stdin-format', '--ocr']);

/**
 * `check` arguments with each `-` that names a document replaced by `<stdin>`: yargs drops a bare
 * `-` from positionals, which made `cat x | clausecheck check -` check nothing and pass.
 */
export function markStdin(argv: string[]): string[] {
  let positionalOnly = false;
  return argv.map((a, i) => {
    if (positionalOnly) return a === '-' ? STDIN_NAME : a;
    if (a === '--') positionalOnly = true;
    return a === '-' && !VALUE_OPTIONS.has(argv[i - 1] ?? '') ? STDIN_NAME : a;
  });
}
/** Without --jobs, fewer files than this are checked in this thread. */
export const MIN_POOL_FILES = 8;

/** Report format from the --output file's extension, when --format is not given. */
export const FORMAT_BY_EXTENSION: Readonly<Record<string, CheckFormat>> = {
  '.txt': 'text',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.sarif': 'sarif',
};

/** --format when given, else the format --output's extension names (x.sarif.json is SARIF), else text. */
export function reportFormat(format: CheckFormat | undefined, output: string | undefined): CheckFormat {
  if (format) return format;
  if (!output) return 'text';
  if (/\.sarif\.json$/i.test(output)) return 'sarif';
  return FORMAT_BY_EXTENSION[extname(output).toLowerCase()] ?? 'text';
}

interface CheckArgs {
  files: string[];
  format?: CheckFormat;
  output?: string;
  'fail-on': (typeof SEVERITIES)[number] | 'none';
  rules?: string;
  'max-size': number;
  playbook: string;
  redline?: string;
  author?: string;
  date?: string;
  jobs?: number;
  shard?: string;
  'pdf-reader': (typeof PDF_READERS)[number];
  'stdin-format'?: StdinFormat;
  ocr: OcrMode;
  baseline?: string;
  'docs-url'?: string;
  record?: boolean;
  db?: string;
  vendor?: string;
}

/** The gaps of a previous JSON report (`--baseline`), as keys; a one-line input error when it is not one. */
export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'baseline report not found' : `cannot read the baseline report (${code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `baseline is not JSON (${String((err as Error).message).split('\n')[0]}); give a report written with --format json`);
  }
  const v = validateReport(json);
  if (!v.valid) {
    const e = v.errors[0]!;
    throw new InputError(file, `baseline is not a clausecheck JSON report (${e.pointer || '/'}: ${e.message}); give a report written with --format json`);
  }
  return baselineKeys(json as Parameters<typeof baselineKeys>[0]);
}

/** A document without the gaps the baseline already had (for the exit code under --baseline). */
function newGapsOnly<D extends GapView>(doc: D, baseline: ReadonlySet<string> | undefined): D {
  if (!baseline) return doc;
  return { ...doc, requirements: doc.requirements.filter((r) => !baseline.has(gapKey(doc.path, r.id, r.status))) };
}

/** Whether a document has a gap at or above the threshold. */
export function hasGap(doc: GapView, failOn: CheckArgs['fail-on']): boolean {
  if (failOn === 'none') return false;
  return doc.requirements.some((r) => r.status !== 'met' && RANK[r.severity] >= RANK[failOn]);
}

/** Exit 1 when any gap is at or above the threshold. */
export function exitCodeFor(report: Report, failOn: CheckArgs['fail-on']): number {
  return report.documents.some((d) => hasGap(d, failOn)) ? EXIT_GAPS : EXIT_OK;
}

/** `--date` of a redline: YYYY-MM-DD (midnight UTC) or an ISO date-time. */
export function parseRevisionDate(s: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s.trim()) ? new Date(`${s.trim()}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(s.trim()) ? new Date(s.trim()) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--date ${s}: expected YYYY-MM-DD or an ISO date-time such as 2026-03-01T09:30:00Z`);
  return d;
}

/** `--shard i/n` as [i, n] (1 <= i <= n). */
export function parseShard(s: string): [number, number] {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`--shard ${s}: expected i/n with 1 <= i <= n (for example 2/3)`);
  return [i, n];
}

/**
 * Shard i of n: a contiguous slice of the inputs in their (sorted, expanded) order, so the same
 * inputs always split the same way and the shards in order are the whole run in order.
 */
export function shardOf<T>(items: T[], i: number, n: number): T[] {
  return items.slice(Math.floor(((i - 1) * items.length) / n), Math.floor((i * items.length) / n));
}

/**
 * For a report that holds every document until the end: one copy of each requirement title,
 * suggested clause and note, which repeat from document to document (the suggestions are most of a
 * document's report; each came as its own copy, from a worker or from the playbook's templates).
 */
function sharedStrings(): (doc: DocumentReport) => DocumentReport {
  const seen = new Map<string, string>();
  const one = (s: string): string => {
    const t = seen.get(s);
    if (t !== undefined) return t;
    seen.set(s, s);
    return s;
  };
  return (doc) => {
    for (const r of doc.requirements) {
      r.title = one(r.title);
      r.suggestion = one(r.suggestion);
      r.notes = r.notes.map(one);
    }
    return doc;
  };
}

/** Output lines to stdout or, atomically (temp file, then rename), to a file. */
class LineSink {
  private fd: number | undefined;
  private tmp: string | undefined;
  constructor(private file: string | undefined) {
    if (file) {
      this.tmp = `${file}.${process.pid}.tmp`;
      this.fd = openSync(this.tmp, 'w');
    }
  }
  write(s: string): void {
    if (this.fd !== undefined) writeSync(this.fd, s);
    else process.stdout.write(s);
  }
  close(ok: boolean): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    if (ok) renameSync(this.tmp!, this.file!);
    else rmSync(this.tmp!, { force: true });
  }
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <files..>',
  describe: 'Check contracts (PDF, DOCX, TXT, MD, folders, or - for standard input) against every requirement',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'contract files or folders; - reads one document from standard input' })
      .option('format', { alias: 'f', choices: CHECK_FORMATS, describe: 'report format [default: from the --output extension (.txt .md .html .json .jsonl .sarif), else text] (jsonl: one JSON document per line, streamed)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
      .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'high' as const, describe: 'exit 1 when a gap is at or above this severity' })
      .option('playbook', { alias: 'p', type: 'string', default: 'ai-buyer', describe: 'ai-buyer, ai-provider, a playbook YAML file, or none (catalog statuses only)' })
      .option('redline', { type: 'string', describe: 'write a copy of the (single) DOCX contract with suggested clauses as tracked changes' })
      .option('author', { type: 'string', describe: 'author of the redline\'s tracked changes and comments (default: clausecheck)' })
      .option('date', { type: 'string', describe: 'date of the redline\'s tracked changes, YYYY-MM-DD or ISO date-time (default: now)' })
      .option('rules', { type: 'string', describe: 'rules folder (default: the shipped packs)' })
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' })
      .option('jobs', { alias: 'j', type: 'number', describe: `documents checked in parallel on worker threads (default: the number of cores, ${defaultJobs()} here, from ${MIN_POOL_FILES} files on)` })
      .option('shard', { type: 'string', describe: 'check only part i of n of the inputs (i/n), as a partial json/jsonl report for `clausecheck merge`' })
      .option('pdf-reader', { choices: PDF_READERS, default: 'auto' as const, describe: "PDF text: poppler's pdftotext when installed (auto), always poppler, or pdf.js" })
      .option('ocr', { choices: OCR_MODES, default: 'auto' as OcrMode, describe: 'OCR of scanned PDF pages (offline): auto (pages with no or trivial text), always (every page), never (refuse image-only PDFs)' })
      .option('stdin-format', { choices: STDIN_FORMATS, describe: 'format of the document read from standard input (-); default: from its first bytes (%PDF, a zip for DOCX, else text)' })
      .option('baseline', { type: 'string', describe: 'a previous --format json report: only gaps new since then count (SARIF lists only those; --fail-on looks only at those)' })
      .option('docs-url', { type: 'string', describe: 'where docs/rules/ is published (URL ending in /): SARIF rules link their help there [default: the copy in the package]' })
      .options(registerOptions) as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    if (args['stdin-format'] && !args.files.includes(STDIN_NAME)) throw new UsageError('--stdin-format is for a document read from standard input (-)');
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
    const format = reportFormat(args.format, args.output);
    if (args['docs-url'] !== undefined && !/^(?:https?|file):\/\/\S+\/$/.test(args['docs-url'])) throw new UsageError('--docs-url must be an http(s) or file URL ending in / (the folder holding the rule docs)');
    const baseline = args.baseline !== undefined ? readBaseline(args.baseline) : undefined;
    if ((args.author !== undefined || args.date !== undefined) && !args.redline) throw new UsageError('--author and --date go with --redline');
    if (args.author !== undefined && !args.author.trim()) throw new UsageError('--author needs a name');
    const revisionDate = args.date !== undefined ? parseRevisionDate(args.date) : undefined;
    const maxBytes = maxSizeBytes(args['max-size']);
    if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError('--jobs must be a whole number of 1 or more');
    const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
    if (shard && format !== 'json' && format !== 'jsonl') throw new UsageError('--shard writes a partial report for `clausecheck merge`: use --format json or jsonl');
    if (shard && args.redline) throw new UsageError('--shard and --redline do not go together');
    if ((args.record || args.db) && (shard || args.format === 'jsonl')) throw new UsageError('--record and --db work with a whole report: not with --shard or --format jsonl');
    // --playbook none: the catalog statuses as the rules found them, default severities, no suggestions.
    const playbook = args.playbook === 'none' ? null : args.playbook;
    if (args.redline && playbook === null) throw new UsageError('--redline needs a playbook for the clause text (not --playbook none)');
    let files = expandInputs(args.files);
    if (shard) files = shardOf(files, shard[0], shard[1]);
    // Starting a worker costs about what checking a few text contracts does: by default a small
    // batch stays in this thread. An explicit --jobs is obeyed.
    // Standard input can only be read in this thread: a run that includes it stays here.
    const jobs = args.redline || files.includes(STDIN_NAME) ? 1 : (args.jobs ?? (files.length >= MIN_POOL_FILES ? defaultJobs() : 1));
    const opts = { rulesDir: args.rules, playbook, maxBytes, pdfReader: args['pdf-reader'], stdinFormat: args['stdin-format'], ocr: args.ocr };
    const header = (pb: string) => ({ schemaVersion: 1 as const, tool: { name: 'clausecheck' as const, version: VERSION }, playbook: pb });
    const shardField = shard ? { shard: { index: shard[0], count: shard[1] } } : {};

    if (format === 'jsonl') {
      // Streamed: a header line, then each document as soon as it and every earlier one are done.
      const sink = new LineSink(args.output);
      let gap = false;
      let ok = false;
      try {
        await checkBatchJsonl(
          files,
          opts,
          jobs,
          shard !== undefined,
          (doc) => {
            gap ||= hasGap(newGapsOnly(doc.gaps, baseline), args['fail-on']);
            sink.write(doc.line);
          },
          (pb) => sink.write(`${JSON.stringify({ ...header(pb), ...shardField })}\n`),
        );
        ok = true;
      } finally {
        sink.close(ok);
      }
      process.exitCode = gap ? EXIT_GAPS : EXIT_OK;
      return;
    }

    const documents: DocumentReport[] = [];
    const share = sharedStrings();
    const pb = await checkBatch(files, opts, jobs, (doc) => documents.push(share(doc)));
    const report: Report = await withRegister({ ...header(pb), documents }, args);
    if (args.redline) {
      const { writeRedline } = await import('../../clauses/redline.js');
      const { loadPlaybook } = await import('../../playbook/index.js');
      await writeRedline(args.files[0]!, report.documents[0]!.requirements, args.redline, {
        playbook: loadPlaybook(args.playbook),
        ...(args.author !== undefined ? { author: args.author.trim() } : {}),
        ...(revisionDate ? { date: revisionDate } : {}),
      });
    }
    let out: string | Iterable<string>;
    if (shard) {
      const json = reportJson(report);
      out = `${JSON.stringify({ ...json, ...shardField, documents: documents.map((d) => documentJson(d, true)) }, null, 2)}\n`;
    } else if (format === 'json') out = jsonReportChunks(report);
    else out = render(report, format, { color: !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR, docsUrl: args['docs-url'], baseline });
    if (args.output) writeOutput(args.output, out);
    else if (typeof out === 'string') process.stdout.write(out);
    else for (const chunk of out) process.stdout.write(chunk);
    process.exitCode = exitCodeFor({ ...report, documents: report.documents.map((d) => newGapsOnly(d, baseline)) }, args['fail-on']);
  },
};
