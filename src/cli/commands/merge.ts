// clausecheck merge PART... -o REPORT : join partial reports (`check --shard i/n`, JSON or JSONL)
// into one report in any format. Shards are put in shard order whatever the order of the
// arguments, and every shard 1..n must be there once; the result is byte-identical to the report
// of one unsharded `check` over the same inputs.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { FORMATS, render } from '../../render/index.js';
import type { DocumentReport, Evidence, Report, RequirementResult, Severity } from '../../types.js';
import { InputError } from '../../types.js';
import { UsageError } from '../errors.js';
import { writeOutput } from '../output.js';
import { documentJson } from './check-line.js';
import { CHECK_FORMATS, type CheckFormat, exitCodeFor } from './check.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

interface MergeArgs {
  parts: string[];
  output?: string;
  format?: CheckFormat;
  'fail-on': (typeof SEVERITIES)[number] | 'none';
}

type Json = Record<string, unknown>;

interface Part {
  file: string;
  schemaVersion: unknown;
  tool: { name: string; version: string };
  playbook: string;
  shard?: { index: number; count: number };
  documents: DocumentReport[];
}

const BY_EXTENSION: Record<string, CheckFormat> = { '.json': 'json', '.jsonl': 'jsonl', '.md': 'md', '.html': 'html', '.htm': 'html', '.sarif': 'sarif', '.txt': 'text' };

function evidenceFrom(e: Json): Evidence {
  const ev: Evidence = {
    quote: e.quote as string,
    page: e.page as number,
    section: e.section as string,
    start: e.start as number,
    end: e.end as number,
    rule: e.rule as string,
    proves: e.proves as Evidence['proves'],
  };
  if (Array.isArray(e.rules)) ev.rules = (e.rules as unknown[]).map(String);
  if (e.value !== undefined) ev.value = e.value as Evidence['value'];
  return ev;
}

function documentFrom(d: Json, file: string): DocumentReport {
  if (typeof d.path !== 'string' || !Array.isArray(d.requirements)) throw new InputError(file, 'not a clausecheck report (a document without path or requirements)');
  const doc: DocumentReport = {
    path: d.path,
    format: d.format as DocumentReport['format'],
    pages: d.pages as number,
    sha256: d.sha256 as string,
    requirements: (d.requirements as Json[]).map(
      (r): RequirementResult => ({
        id: r.id as string,
        title: r.title as string,
        status: r.status as RequirementResult['status'],
        severity: r.severity as Severity,
        evidence: ((r.evidence as Json[]) ?? []).map(evidenceFrom),
        suggestion: r.suggestion as string,
        notes: [...((r.notes as string[]) ?? [])],
      }),
    ),
    warnings: [...((d.warnings as string[]) ?? [])],
  };
  if (Array.isArray(d.lineStarts)) doc.lineStarts = d.lineStarts as number[];
  if (d.score !== undefined) (doc as DocumentReport & { score?: unknown }).score = d.score;
  if (d.timings !== undefined) doc.timings = d.timings as DocumentReport['timings'];
  return doc;
}

/** One partial report (JSON, or JSONL: a header line, then a document per line). */
export function readPart(file: string): Part {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
  let head: Json;
  let docs: Json[];
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined;
  }
  if (whole && typeof whole === 'object' && Array.isArray((whole as Json).documents)) {
    head = whole as Json;
    docs = (whole as Json).documents as Json[];
  } else {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map((l, i) => {
      try {
        return JSON.parse(l) as Json;
      } catch {
        throw new InputError(file, `line ${i + 1} is not JSON: expected a JSON report or a JSONL report from clausecheck check`);
      }
    });
    if (parsed.length === 0) throw new InputError(file, 'file is empty');
    head = parsed[0]!;
    docs = parsed.slice(1);
  }
  const tool = head.tool as Part['tool'] | undefined;
  if (tool?.name !== 'clausecheck' || typeof head.playbook !== 'string') throw new InputError(file, 'not a clausecheck report (no tool or playbook)');
  const shard = head.shard as Part['shard'] | undefined;
  if (shard !== undefined && !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && shard.index >= 1 && shard.index <= shard.count)) {
    throw new InputError(file, 'bad shard field (expected index 1..count)');
  }
  return { file, schemaVersion: head.schemaVersion, tool, playbook: head.playbook, shard, documents: docs.map((d) => documentFrom(d, file)) };
}

/** The parts as one report: shards in shard order (all of 1..n once), plain reports in the order given. */
export function mergeParts(parts: Part[]): Report {
  if (parts.length === 0) throw new UsageError('merge needs at least one partial report');
  const first = parts[0]!;
  for (const p of parts) {
    if (p.schemaVersion !== 1) throw new InputError(p.file, `report schemaVersion ${String(p.schemaVersion)} is not 1`);
    if (p.tool.version !== first.tool.version) throw new InputError(p.file, `made by clausecheck ${p.tool.version}, but ${first.file} by ${first.tool.version}: merge reports of one version`);
    if (p.playbook !== first.playbook) throw new InputError(p.file, `playbook ${p.playbook}, but ${first.file} has ${first.playbook}: merge reports of one run`);
    if ((p.shard === undefined) !== (first.shard === undefined)) throw new InputError(p.file, 'mixes sharded and unsharded reports');
  }
  let ordered = parts;
  if (first.shard) {
    const n = first.shard.count;
    const byIndex = new Map<number, Part>();
    for (const p of parts) {
      if (p.shard!.count !== n) throw new InputError(p.file, `is shard ${p.shard!.index}/${p.shard!.count}, but ${first.file} is one of ${n}`);
      const dup = byIndex.get(p.shard!.index);
      if (dup) throw new InputError(p.file, `shard ${p.shard!.index}/${n} is also in ${dup.file}`);
      byIndex.set(p.shard!.index, p);
    }
    const missing = Array.from({ length: n }, (_v, i) => i + 1).filter((i) => !byIndex.has(i));
    if (missing.length) throw new UsageError(`missing shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${n}`).join(', ')}`);
    ordered = [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
  }
  return { schemaVersion: 1, tool: { name: 'clausecheck', version: first.tool.version }, playbook: first.playbook, documents: ordered.flatMap((p) => p.documents) };
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <parts..>',
  describe: 'Join partial reports of `check --shard i/n` (JSON or JSONL) into one report',
  builder: (y: Argv) =>
    y
      .positional('parts', { type: 'string', array: true, demandOption: true, describe: 'partial reports (any order)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
      .option('format', { alias: 'f', choices: CHECK_FORMATS, describe: 'report format (default: from the --output extension, else text)' })
      .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'high' as const, describe: 'exit 1 when a gap is at or above this severity' }) as unknown as Argv<MergeArgs>,
  handler: (args) => {
    const report = mergeParts(args.parts.map(readPart));
    const format: CheckFormat = args.format ?? (args.output ? BY_EXTENSION[extname(args.output).toLowerCase()] : undefined) ?? 'text';
    let out: string;
    if (format === 'jsonl') {
      const { documents, ...head } = report;
      out = [head, ...documents.map((d) => documentJson(d, false))].map((x) => `${JSON.stringify(x)}\n`).join('');
    } else {
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format ${format}`);
      out = render(report, format as (typeof FORMATS)[number], { color: !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR });
    }
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = exitCodeFor(report, args['fail-on']);
  },
};
