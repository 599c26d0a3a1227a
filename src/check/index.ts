// The `check` pipeline: file -> SourceDocument -> segments -> findings -> per-requirement results.
import { type Stats, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS } from '../catalog.js';
import { readArtifact } from '../engine/artifact.js';
import { type CompiledRules, compileRules } from '../engine/compile.js';
import { runRules } from '../engine/run.js';
import { aggregate } from '../engine/status.js';
import { MAX_INPUT_BYTES, type OcrMode, STDIN_NAME, type StdinFormat, formatOf, ingest, ingestBytes, readStdin, sniffFormat, sourceFromText } from '../ingest/index.js';
import { applyPlaybook } from '../clauses/apply.js';
import { type Playbook, loadPlaybook } from '../playbook/index.js';
import { loadRules } from '../rules/load.js';
import { enterStage, inputFileProblem } from '../read-file.js';
import { selectEvidence } from './evidence.js';
import { checkTextLayer } from '../ingest/text-layer.js';
import { segment } from '../segment/index.js';
import { InputError } from '../types.js';
import type { DocumentReport, Report, RequirementResult, Severity, SourceDocument, Status } from '../types.js';

export { VERSION } from '../version.js';
import { VERSION } from '../version.js';

/** The rule packs shipped with the package (../../rules from src/check/ or dist/check/). */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

export interface CheckOptions {
  rulesDir?: string;
  /** Pre-compiled rules (library users checking many documents). */
  compiled?: CompiledRules;
  maxBytes?: number;
  /** Add per-stage timings to each document (for the benchmark). */
  timings?: boolean;
  /**
   * Playbook (built-in name, YAML file or a loaded one) deciding severities, limits and suggested
   * clauses. `checkFiles` defaults to 'ai-buyer'; `null` keeps the catalog statuses untouched (eval).
   */
  playbook?: string | Playbook | null;
  /** Which PDF reader: poppler's pdftotext when installed (auto), or pdf.js. */
  pdfReader?: 'auto' | 'poppler' | 'pdfjs';
  /** Format of the standard-input document (`<stdin>` in the inputs); default: from its magic bytes. */
  stdinFormat?: StdinFormat;
  /** OCR of scanned PDF pages: auto (default: pages with an empty or trivial text layer), always, never. */
  ocr?: OcrMode;
}

function resolvePlaybook(p: CheckOptions['playbook'], fallback: string | null): Playbook | undefined {
  const v = p === undefined ? fallback : p;
  if (v === null) return undefined;
  return typeof v === 'string' ? loadPlaybook(v) : v;
}

const compiledCache = new Map<string, CompiledRules>();

/** Load and compile the rule packs once per process and folder. */
export function compiledRulesFor(rulesDir = DEFAULT_RULES_DIR): CompiledRules {
  let c = compiledCache.get(rulesDir);
  if (!c) {
    // The shipped packs come precompiled from the build (dist/rules.compiled.json) while unchanged.
    c = (rulesDir === DEFAULT_RULES_DIR ? readArtifact(rulesDir) : undefined) ?? compileRules(loadRules(rulesDir));
    compiledCache.set(rulesDir, c);
  }
  return c;
}

const LEVELS: Exclude<Severity, 'none'>[] = ['low', 'medium', 'high', 'critical'];

/** Default gap severity without a playbook: missing = catalog severity, partial one lower, conflict one higher. */
export function defaultSeverity(id: string, status: Status): Severity {
  if (status === 'met') return 'none';
  const base = REQUIREMENTS.find((r) => r.id === id)?.severity ?? 'medium';
  const i = LEVELS.indexOf(base);
  if (status === 'partial') return LEVELS[Math.max(0, i - 1)]!;
  if (status === 'conflict') return LEVELS[Math.min(LEVELS.length - 1, i + 1)]!;
  return base;
}

/** Check one already-read document. */
export function checkSource(source: SourceDocument, compiled: CompiledRules, timings = false, extractMs = 0, playbook?: Playbook): DocumentReport {
  const t0 = performance.now();
  const seg = segment(source);
  const t1 = performance.now();
  const findings = runRules(seg, compiled);
  const statuses = aggregate(findings);
  const t2 = performance.now();
  let requirements: RequirementResult[] = statuses.map((s) => {
    const req = REQUIREMENTS.find((r) => r.id === s.id)!;
    return { id: s.id, title: req.title, status: s.status, severity: defaultSeverity(s.id, s.status), evidence: s.evidence, suggestion: '', notes: s.notes };
  });
  if (playbook) requirements = applyPlaybook(requirements, playbook);
  requirements = selectEvidence(requirements, source.text);
  const report: DocumentReport = {
    path: source.path,
    format: source.format,
    pages: source.pageStarts.length,
    sha256: source.sha256,
    requirements,
    warnings: source.warnings,
    lineStarts: source.lineStarts,
  };
  // The report marks OCR when it gave text (or failed); a run that kept every text layer is not news.
  if (source.ocr && (source.ocr.pages.length > 0 || source.ocr.error)) report.ocr = source.ocr;
  if (timings) report.timings = { extractMs, segmentMs: t1 - t0, rulesMs: t2 - t1 };
  return report;
}

/** Check a text given in memory (tests, library users). */
export function checkText(text: string, opts: CheckOptions & { path?: string } = {}): DocumentReport {
  const compiled = opts.compiled ?? compiledRulesFor(opts.rulesDir);
  const source = sourceFromText(opts.path ?? '<text>', 'txt', text, Buffer.from(text));
  return checkSource(source, compiled, false, 0, resolvePlaybook(opts.playbook, null));
}

/**
 * Expand folders into the contract files they hold (sorted, recursive). `<stdin>` (the CLI's `-`)
 * stands for standard input and is kept as it is, once. No documents at all is an input error: a
 * run that checks nothing must not pass.
 */
export function expandInputs(paths: string[]): string[] {
  if (paths.length === 0) throw new InputError('(no inputs)', 'no documents to check: give files, folders or - for standard input');
  const out: string[] = [];
  for (const p of paths) {
    if (p === STDIN_NAME) {
      if (out.includes(STDIN_NAME)) throw new InputError(STDIN_NAME, 'standard input (-) is given more than once');
      out.push(p);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      throw inputFileProblem(p) ?? new InputError(p, 'file not found');
    }
    if (st.isDirectory()) {
      const found = walk(p);
      if (found.length === 0) throw new InputError(p, 'folder has no documents (.pdf, .docx, .txt, .md)');
      out.push(...found);
    } else out.push(p);
  }
  return out;
}

/**
 * stat a path found in a folder. A dangling link or an unreadable entry named like a contract is an
 * input error naming it; any other is skipped like the other files that are not contracts.
 */
function statEntry(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    if (!formatOf(path)) return undefined;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'broken link (its target does not exist)' : `cannot read (${code ?? String(err)})`);
  }
}

function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (err) {
    throw new InputError(dir, `cannot read folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/**
 * Files a folder run passes over (named explicitly they are checked): a project's own notes such as
 * README.md, CHANGELOG, CONTRIBUTING.md, CODE_OF_CONDUCT.md, and LICENSE / COPYING in capitals (a
 * lower-case licence.txt may well be the contract).
 */
export function isProjectFile(name: string): boolean {
  const stem = name.replace(/\.[^.]*$/, '');
  if (/^(?:readme|changelog|changes|history|contributing|contributors|code[-_]of[-_]conduct|authors|maintainers)$/i.test(stem)) return true;
  return /^(?:LICENSE|LICENCE|COPYING|NOTICE|SECURITY)$/.test(stem);
}

function walk(dir: string, seen = new Set<string>()): string[] {
  // A folder reached twice through links (a link to a parent makes a cycle) is read once.
  const id = statEntry(dir);
  const key = id ? `${id.dev}:${id.ino}` : dir;
  if (seen.has(key)) return [];
  seen.add(key);
  const out: string[] = [];
  for (const name of listFolder(dir)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    const st = statEntry(full);
    if (!st) continue;
    if (st.isDirectory()) out.push(...walk(full, seen));
    else if (formatOf(full) && !isProjectFile(name)) out.push(full);
  }
  return out;
}

/**
 * Read one input for a check, the same way in one thread or on the worker pool: the stage named for
 * the last-resort error guard, and a refusal of PDFs without a text layer (ingest refuses what is not
 * a regular file).
 */
export async function readForCheck(f: string, opts: Pick<CheckOptions, 'maxBytes' | 'pdfReader' | 'stdinFormat' | 'ocr'> = {}): Promise<SourceDocument> {
  let source: SourceDocument;
  if (f === STDIN_NAME) {
    enterStage('standard input', f);
    const bytes = await readStdin(opts.maxBytes ?? MAX_INPUT_BYTES);
    const format = opts.stdinFormat ?? sniffFormat(bytes);
    enterStage(`the ${format.toUpperCase()} reader`, f);
    source = checkTextLayer(await ingestBytes(f, bytes, format, { maxBytes: opts.maxBytes, pdfReader: opts.pdfReader, ocr: opts.ocr }));
  } else {
    enterStage(`the ${(formatOf(f) ?? 'file').toUpperCase()} reader`, f);
    source = checkTextLayer(await ingest(f, { maxBytes: opts.maxBytes, pdfReader: opts.pdfReader, ocr: opts.ocr }));
  }
  // pdf.js's stray rejections on some corrupt files surface within a tick: let them, while the stage
  // still names this file. The other readers leave none, so a batch of text files does not wait.
  if (source.format === 'pdf') await new Promise((r) => setTimeout(r, 0));
  enterStage('the rule engine', f);
  return source;
}

export async function checkFiles(paths: string[], opts: CheckOptions = {}): Promise<Report> {
  const playbook = resolvePlaybook(opts.playbook, 'ai-buyer');
  const compiled = opts.compiled ?? compiledRulesFor(opts.rulesDir);
  const files = expandInputs(paths);
  const documents: DocumentReport[] = [];
  for (const f of files) {
    const t0 = performance.now();
    const source = await readForCheck(f, opts);
    documents.push(checkSource(source, compiled, opts.timings, performance.now() - t0, playbook));
  }
  return { schemaVersion: 1, tool: { name: 'clausecheck', version: VERSION }, playbook: playbook?.name ?? 'none', documents };
}
