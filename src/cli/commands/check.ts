// clausecheck check FILE|FOLDER... : one report with one entry per document.
// Many files run on a worker pool (--jobs); --format jsonl streams one document per line; --shard
// i/n checks one part of the inputs for `clausecheck merge` to join.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { VERSION, expandInputs } from '../../check/index.js';
import { FORMATS, type ReportFormat, render } from '../../render/index.js';
import { reportJson } from '../../render/json.js';
import type { DocumentReport, Report, Severity } from '../../types.js';
import { EXIT_GAPS, EXIT_OK, UsageError, maxSizeBytes } from '../errors.js';
import { writeOutput } from '../output.js';
import { checkBatch, defaultJobs } from './check-pool.js';
import { registerOptions, withRegister } from './check-register.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };
export const CHECK_FORMATS = [...FORMATS, 'jsonl'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export const PDF_READERS = ['auto', 'poppler', 'pdfjs'] as const;
/** Without --jobs, fewer files than this are checked in this thread. */
export const MIN_POOL_FILES = 8;

interface CheckArgs {
  files: string[];
  format: CheckFormat;
  output?: string;
  'fail-on': (typeof SEVERITIES)[number] | 'none';
  rules?: string;
  'max-size': number;
  playbook: string;
  redline?: string;
  jobs?: number;
  shard?: string;
  'pdf-reader': (typeof PDF_READERS)[number];
  record?: boolean;
  db?: string;
  vendor?: string;
}

/** Whether a document has a gap at or above the threshold. */
export function hasGap(doc: DocumentReport, failOn: CheckArgs['fail-on']): boolean {
  if (failOn === 'none') return false;
  return doc.requirements.some((r) => r.status !== 'met' && RANK[r.severity] >= RANK[failOn]);
}

/** Exit 1 when any gap is at or above the threshold. */
export function exitCodeFor(report: Report, failOn: CheckArgs['fail-on']): number {
  return report.documents.some((d) => hasGap(d, failOn)) ? EXIT_GAPS : EXIT_OK;
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

/** The published JSON of one document, plus the line map when it goes into a partial report (merge renders SARIF from it). */
export function documentJson(doc: DocumentReport, partial: boolean): Record<string, unknown> {
  const d = reportJson({ schemaVersion: 1, tool: { name: 'clausecheck', version: VERSION }, playbook: '', documents: [doc] }).documents as Record<string, unknown>[];
  return partial ? { ...d[0]!, lineStarts: doc.lineStarts ?? [] } : d[0]!;
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
  describe: 'Check contracts (PDF, DOCX, TXT, MD or folders) against every requirement',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'contract files or folders' })
      .option('format', { alias: 'f', choices: CHECK_FORMATS, default: 'text' as CheckFormat, describe: 'report format (jsonl: one JSON document per line, streamed)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
      .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'high' as const, describe: 'exit 1 when a gap is at or above this severity' })
      .option('playbook', { alias: 'p', type: 'string', default: 'ai-buyer', describe: 'ai-buyer, ai-provider, a playbook YAML file, or none (catalog statuses only)' })
      .option('redline', { type: 'string', describe: 'write a copy of the (single) DOCX contract with suggested clauses as tracked changes' })
      .option('rules', { type: 'string', describe: 'rules folder (default: the shipped packs)' })
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' })
      .option('jobs', { alias: 'j', type: 'number', describe: `documents checked in parallel on worker threads (default: the number of cores, ${defaultJobs()} here, from ${MIN_POOL_FILES} files on)` })
      .option('shard', { type: 'string', describe: 'check only part i of n of the inputs (i/n), as a partial json/jsonl report for `clausecheck merge`' })
      .option('pdf-reader', { choices: PDF_READERS, default: 'auto' as const, describe: "PDF text: poppler's pdftotext when installed (auto), always poppler, or pdf.js" })
      .options(registerOptions) as unknown as Argv<CheckArgs>,
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
    if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError('--jobs must be a whole number of 1 or more');
    const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
    if (shard && args.format !== 'json' && args.format !== 'jsonl') throw new UsageError('--shard writes a partial report for `clausecheck merge`: use --format json or jsonl');
    if (shard && args.redline) throw new UsageError('--shard and --redline do not go together');
    if ((args.record || args.db) && (shard || args.format === 'jsonl')) throw new UsageError('--record and --db work with a whole report: not with --shard or --format jsonl');
    // --playbook none: the catalog statuses as the rules found them, default severities, no suggestions.
    const playbook = args.playbook === 'none' ? null : args.playbook;
    if (args.redline && playbook === null) throw new UsageError('--redline needs a playbook for the clause text (not --playbook none)');
    let files = expandInputs(args.files);
    if (shard) files = shardOf(files, shard[0], shard[1]);
    // Starting a worker costs about what checking a few text contracts does: by default a small
    // batch stays in this thread. An explicit --jobs is obeyed.
    const jobs = args.redline ? 1 : (args.jobs ?? (files.length >= MIN_POOL_FILES ? defaultJobs() : 1));
    const opts = { rulesDir: args.rules, playbook, maxBytes, pdfReader: args['pdf-reader'] };
    const header = (pb: string) => ({ schemaVersion: 1 as const, tool: { name: 'clausecheck' as const, version: VERSION }, playbook: pb });
    const shardField = shard ? { shard: { index: shard[0], count: shard[1] } } : {};

    if (args.format === 'jsonl') {
      // Streamed: a header line, then each document as soon as it and every earlier one are done.
      const sink = new LineSink(args.output);
      let gap = false;
      let ok = false;
      try {
        await checkBatch(
          files,
          opts,
          jobs,
          (doc) => {
            gap ||= hasGap(doc, args['fail-on']);
            sink.write(`${JSON.stringify(documentJson(doc, shard !== undefined))}\n`);
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
    const pb = await checkBatch(files, opts, jobs, (doc) => documents.push(doc));
    const report: Report = await withRegister({ ...header(pb), documents }, args);
    if (args.redline) {
      const { writeRedline } = await import('../../clauses/redline.js');
      const { loadPlaybook } = await import('../../playbook/index.js');
      await writeRedline(args.files[0]!, report.documents[0]!.requirements, args.redline, { playbook: loadPlaybook(args.playbook) });
    }
    let out: string;
    if (shard) {
      const json = reportJson(report);
      out = `${JSON.stringify({ ...json, ...shardField, documents: documents.map((d) => documentJson(d, true)) }, null, 2)}\n`;
    } else out = render(report, args.format, { color: !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR });
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = exitCodeFor(report, args['fail-on']);
  },
};
