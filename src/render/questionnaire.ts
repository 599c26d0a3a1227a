// Questionnaire report renderers: terminal text, Markdown and HTML (templates/questionnaire/, one
// Handlebars environment each, strict, everything escaped) and JSON (schemas/questionnaire-report.schema.json).
// One job, the questionnaire report in its four formats, hence one file of a little over 300 lines.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { clean, truncate, UNSAFE } from './common.js';
import { mdEscape } from './markdown.js';
import type { Severity } from '../types.js';
import { describeValue } from '../questionnaire/evaluate.js';
import { columnLetter } from '../questionnaire/table.js';
import type { AnswerSide, ContractQuote, ContractSide, Location, NormalizedValue, QuestionnaireFinding, QuestionnaireReport, RawValue } from '../questionnaire/types.js';

/** The contract side of a cross-check finding, as both the HTML view and the JSON report open it. */
const contractHead = (c: ContractSide) => ({ path: c.path, requirement: c.requirement, title: c.title, status: c.status });

export const QUESTIONNAIRE_FORMATS = ['text', 'md', 'html', 'json'] as const;
export type QuestionnaireFormat = (typeof QUESTIONNAIRE_FORMATS)[number];

const SEVERITIES: ReadonlyArray<Exclude<Severity, 'none'>> = ['critical', 'high', 'medium', 'low'];

/** `Questionnaire!E24`, `row 24, column E` (CSV) or `line 14:17` (JSON / YAML). */
export function whereRead(loc: Location | undefined): string {
  if (!loc) return 'not in the file';
  if (loc.pointer !== undefined) return `line ${loc.row}:${loc.column}`;
  if (loc.sheet !== undefined) return `${loc.sheet}!${loc.cell ?? `${columnLetter(loc.column)}${loc.row}`}`;
  return `row ${loc.row}, column ${columnLetter(loc.column)}`;
}

function rawString(raw: RawValue): string {
  if (raw === null) return '';
  return typeof raw === 'string' ? raw : String(raw);
}

function valueString(v: NormalizedValue): string {
  return v.kind === 'text' ? 'text' : describeValue(v);
}

function contractWhere(e: ContractQuote): string {
  return e.section ? `p.${e.page} §${e.section}` : `p.${e.page}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function countsLine(r: QuestionnaireReport): string {
  const s = r.summary;
  const parts = [plural(s.questions, 'question'), `${s.answered} answered`];
  if (s.notApplicable) parts.push(`${s.notApplicable} n/a`);
  parts.push(`${s.unanswered} unanswered`);
  if (s.wrongType) parts.push(plural(s.wrongType, 'wrong type', 'wrong types'));
  parts.push(plural(s.answerConflicts, 'answer conflict'));
  if (r.contract) parts.push(plural(s.contractConflicts, 'contract conflict'));
  if (s.unmappedRows) parts.push(`${s.unmappedRows} unmapped rows`);
  return parts.join(' · ');
}

/** "8 findings: 1 critical, 2 high, 3 medium, 2 low". */
export function findingsLine(r: QuestionnaireReport): string {
  const n = r.findings.length;
  if (n === 0) return 'no findings';
  const by = SEVERITIES.map((s) => ({ s, n: r.findings.filter((f) => f.severity === s).length })).filter((x) => x.n > 0);
  return `${plural(n, 'finding')}: ${by.map((x) => `${x.n} ${x.s}`).join(', ')}`;
}

// ---- text ----------------------------------------------------------------------------------------

const GLYPH: Record<QuestionnaireFinding['code'], string> = { 'contract-conflict': '!', 'answer-conflict': '~', 'wrong-type': '?', unanswered: '·' };
const SEVERITY_SGR: Record<Exclude<Severity, 'none'>, string> = { critical: '1;31', high: '31', medium: '33', low: '36' };

/** Unmapped rows listed in the text report (all of them in JSON). */
const UNMAPPED_SHOWN = 25;

export function renderQuestionnaireText(r: QuestionnaireReport, opts: { color?: boolean } = {}): string {
  const paint = (sgr: string, s: string): string => (opts.color ? `\x1b[${sgr}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const src = r.source;
  const head = [src.format, ...(src.sheet !== null ? [`sheet "${clean(src.sheet)}"`] : []), `${r.questionnaire.id} v${r.questionnaire.version}`];
  out.push(`${paint('1', clean(src.path))}  ${head.join(' · ')}`);
  if (src.mapping !== null) out.push(`  mapping: ${clean(src.mapping)}`);
  if (src.vendor !== null) out.push(`  vendor: ${truncate(clean(src.vendor), 100)}`);
  if (r.contract) out.push(`  contract: ${clean(r.contract.path)}`);
  out.push(`  ${countsLine(r)}`);
  for (const w of r.warnings) out.push(`  ${paint('33', 'warning:')} ${clean(w)}`);
  const unmapped = r.unmapped ?? [];
  if (unmapped.length) {
    out.push(`  unmapped rows (${unmapped.length}), answering none of the questions:`);
    for (const u of unmapped.slice(0, UNMAPPED_SHOWN)) {
      const text = u.question !== null && u.question !== u.id ? `  "${truncate(clean(u.question), 70)}"` : '';
      const best = u.best ? paint('2', `  closest ${u.best.id} ${u.best.confidence.toFixed(2)}`) : '';
      out.push(`    ${paint('2', whereRead(u.location))}  ${truncate(clean(u.id), 40)}${text}${best}`);
    }
    if (unmapped.length > UNMAPPED_SHOWN) out.push(`    … and ${unmapped.length - UNMAPPED_SHOWN} more (--format json lists them all)`);
  }
  out.push('');

  const unanswered = r.findings.filter((f) => f.code === 'unanswered');
  for (const f of r.findings) {
    if (f.code === 'unanswered') continue;
    const sev = paint(SEVERITY_SGR[f.severity], `[${f.severity}]`);
    if (f.code === 'wrong-type') {
      const a = f.answers[0]!;
      out.push(`  ${GLYPH[f.code]} ${f.code}  ${sev}  ${paint('1', a.id)}  ${paint('2', whereRead(a.location))}  "${truncate(clean(rawString(a.raw)), 80)}"`);
      out.push(`      ${clean(f.message)}`);
      continue;
    }
    out.push(`  ${GLYPH[f.code]} ${f.code}  ${sev}  ${paint('1', f.ids.join(' '))}${f.check ? paint('2', `  (${f.check})`) : ''}`);
    out.push(`      ${clean(f.message)}`);
    const idWidth = Math.max(...f.answers.map((a) => a.id.length));
    for (const a of f.answers) {
      out.push(`      ${paint('2', 'answer  ')}  ${a.id.padEnd(idWidth)}  ${paint('2', whereRead(a.location))}  "${truncate(clean(rawString(a.raw)), 100)}"`);
    }
    if (f.contract) {
      if (f.contract.evidence.length === 0) {
        out.push(`      ${paint('2', 'contract')}  ${f.contract.requirement} ${f.contract.status}: no clause found`);
      }
      for (const e of f.contract.evidence) out.push(`      ${paint('2', 'contract')}  ${paint('2', contractWhere(e))}  "${truncate(clean(e.quote))}"`);
    }
  }
  for (const sev of SEVERITIES) {
    const list = unanswered.filter((f) => f.severity === sev);
    if (!list.length) continue;
    const what = sev === 'medium' ? plural(list.length, 'key question') : plural(list.length, 'question');
    out.push(`  ${GLYPH.unanswered} unanswered  ${paint(SEVERITY_SGR[sev], `[${sev}]`)}  ${what}: ${list.map((f) => f.answers[0]!.id).join(', ')}`);
  }
  if (r.findings.length) out.push('');
  const line = findingsLine(r);
  out.push(r.findings.length ? paint('1', line) : line);
  return out.join('\n') + '\n';
}

// ---- Markdown and HTML ---------------------------------------------------------------------------

const TEMPLATE_DIR = new URL('../../templates/questionnaire/', import.meta.url);
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function template(file: string, setup: (env: ReturnType<typeof Handlebars.create>) => void): Handlebars.TemplateDelegate {
  let t = compiled.get(file);
  if (!t) {
    const env = Handlebars.create();
    setup(env);
    t = env.compile(readFileSync(new URL(file, TEMPLATE_DIR), 'utf8'), { strict: true });
    compiled.set(file, t);
  }
  return t;
}

const SEVERITY_CLASS = new Set(['critical', 'high', 'medium', 'low']);
const CODE_CLASS = new Set(['contract-conflict', 'answer-conflict', 'wrong-type', 'unanswered']);

function answerView(a: AnswerSide): Record<string, unknown> {
  return { id: a.id, question: a.question, where: whereRead(a.location), raw: rawString(a.raw), value: valueString(a.value) };
}

/** Every string of a view without control or bidi characters (they could hide or reorder text). */
function sanitize<T>(v: T): T {
  if (typeof v === 'string') return v.replace(UNSAFE, '') as T;
  if (Array.isArray(v)) return v.map(sanitize) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sanitize(x)])) as T;
  return v;
}

function view(r: QuestionnaireReport): Record<string, unknown> {
  return sanitize(rawView(r));
}

function rawView(r: QuestionnaireReport): Record<string, unknown> {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const a of r.answers) {
    const list = groups.get(a.group) ?? [];
    list.push({
      id: a.id,
      question: a.question,
      raw: rawString(a.raw),
      value: a.error ? `wrong type (${a.error})` : valueString(a.value),
      comment: a.comment ?? '',
      where: whereRead(a.location),
      kind: a.error ? 'wrong' : a.value.kind === 'unanswered' ? 'unanswered' : 'ok',
    });
    groups.set(a.group, list);
  }
  return {
    tool: { name: r.tool.name, version: r.tool.version },
    questionnaire: { id: r.questionnaire.id, version: String(r.questionnaire.version), title: r.questionnaire.title },
    source: { path: r.source.path, format: r.source.format, sheet: r.source.sheet ?? '', mapping: r.source.mapping ?? '', vendor: r.source.vendor ?? '', sha256: r.source.sha256 },
    hasSheet: r.source.sheet !== null,
    hasMapping: r.source.mapping !== null,
    hasVendor: r.source.vendor !== null,
    hasContract: r.contract !== null,
    contract: r.contract ? { path: r.contract.path, sha256: r.contract.sha256 } : { path: '', sha256: '' },
    counts: countsLine(r),
    findingsLine: findingsLine(r),
    warnings: r.warnings,
    hasWarnings: r.warnings.length > 0,
    hasFindings: r.findings.length > 0,
    findings: r.findings.map((f) => ({
      code: f.code,
      codeClass: CODE_CLASS.has(f.code) ? f.code : 'unknown',
      severity: f.severity,
      severityClass: SEVERITY_CLASS.has(f.severity) ? f.severity : 'unknown',
      ids: f.ids.join(' '),
      check: f.check ?? '',
      hasCheck: f.check !== undefined,
      message: f.message,
      answers: f.answers.map(answerView),
      hasContract: f.contract !== undefined,
      contract: f.contract
        ? {
            ...contractHead(f.contract),
            none: f.contract.evidence.length === 0,
            evidence: f.contract.evidence.map((e) => ({ where: contractWhere(e), quote: e.quote, proves: e.proves })),
          }
        : { path: '', requirement: '', title: '', status: '', none: true, evidence: [] },
    })),
    groups: [...groups.entries()].map(([id, answers]) => ({ id: r.questionnaire.groups.find((g) => g.id === id)?.title ?? id, answers })),
  };
}

export function renderQuestionnaireMarkdown(r: QuestionnaireReport): string {
  const t = template('report.md.hbs', (env) => {
    env.registerHelper('md', (value: unknown) => new env.SafeString(mdEscape(String(value))));
    env.registerHelper('quote', (value: unknown) => new env.SafeString(mdEscape(truncate(clean(String(value)), 300))));
  });
  return t(view(r));
}

export function renderQuestionnaireHtml(r: QuestionnaireReport): string {
  const t = template('report.html.hbs', (env) => {
    env.registerHelper('line', (value: unknown) => String(value).replace(UNSAFE, ''));
  });
  return t(view(r));
}

// ---- JSON ----------------------------------------------------------------------------------------

function locationJson(l: Location | undefined): Record<string, unknown> | null {
  if (!l) return null;
  const out: Record<string, unknown> = { row: l.row, column: l.column };
  if (l.sheet !== undefined) out.sheet = l.sheet;
  if (l.cell !== undefined) out.cell = l.cell;
  if (l.header !== undefined) out.header = l.header;
  if (l.pointer !== undefined) out.pointer = l.pointer;
  return out;
}

function valueJson(v: NormalizedValue): Record<string, unknown> {
  switch (v.kind) {
    case 'number': {
      const out: Record<string, unknown> = { kind: v.kind, value: v.value, unit: v.unit };
      if (v.days !== undefined) out.days = v.days;
      return out;
    }
    case 'unbounded':
      return { kind: v.kind, unit: v.unit };
    case 'choice':
      return { kind: v.kind, values: [...v.values] };
    case 'text':
      return { kind: v.kind, value: v.value };
    default:
      return { kind: v.kind };
  }
}

function sideJson(a: AnswerSide): Record<string, unknown> {
  return { id: a.id, question: a.question, raw: a.raw, value: valueJson(a.value), location: locationJson(a.location) };
}

/** The report as a plain object in the published shape (fields rebuilt in a fixed order). */
export function questionnaireReportJson(r: QuestionnaireReport): Record<string, unknown> {
  return {
    schemaVersion: r.schemaVersion,
    tool: { name: r.tool.name, version: r.tool.version },
    questionnaire: { id: r.questionnaire.id, version: r.questionnaire.version, title: r.questionnaire.title, groups: r.questionnaire.groups.map((g) => ({ id: g.id, title: g.title })) },
    source: { ...r.source },
    contract: r.contract ? { path: r.contract.path, format: r.contract.format, sha256: r.contract.sha256 } : null,
    summary: { ...r.summary },
    findings: r.findings.map((f) => ({
      code: f.code,
      check: f.check ?? null,
      severity: f.severity,
      ids: [...f.ids],
      message: f.message,
      answers: f.answers.map(sideJson),
      contract: f.contract
        ? {
            ...contractHead(f.contract),
            evidence: f.contract.evidence.map((e) => {
              const q: Record<string, unknown> = { quote: e.quote, page: e.page, section: e.section, start: e.start, end: e.end, rule: e.rule, proves: e.proves };
              if (e.days !== undefined) q.days = e.days;
              return q;
            }),
          }
        : null,
    })),
    answers: r.answers.map((a) => ({
      id: a.id,
      group: a.group,
      question: a.question,
      type: a.type,
      sourceId: a.sourceId ?? null,
      raw: a.raw,
      comment: a.comment,
      value: valueJson(a.value),
      error: a.error ?? null,
      inverted: a.inverted === true,
      location: locationJson(a.location),
      informs: [...a.informs],
    })),
    unmapped: (r.unmapped ?? []).map((u) => ({ id: u.id, question: u.question, location: locationJson(u.location), best: u.best ? { ...u.best } : null, note: u.note ?? null })),
    warnings: [...r.warnings],
  };
}

export function renderQuestionnaire(r: QuestionnaireReport, format: QuestionnaireFormat, opts: { color?: boolean } = {}): string {
  switch (format) {
    case 'text':
      return renderQuestionnaireText(r, opts);
    case 'md':
      return renderQuestionnaireMarkdown(r);
    case 'html':
      return renderQuestionnaireHtml(r);
    case 'json':
      return JSON.stringify(questionnaireReportJson(r), null, 2) + '\n';
    default:
      throw new Error(`unknown questionnaire report format "${String(format)}" (expected ${QUESTIONNAIRE_FORMATS.join(', ')})`);
  }
}
