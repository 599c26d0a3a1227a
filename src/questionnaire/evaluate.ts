// Findings on an answer set: unanswered questions, wrong-typed answers, answers that contradict each
// other (the bank's `consistency` checks) and answers that contradict the contract (its `contract`
// checks, against a check report of the contract). Pure functions; deterministic order.
import { requirementById } from '../catalog.js';
import { findDurations } from '../engine/durations.js';
import type { DocumentReport, Evidence, Severity, Status } from '../types.js';
import type {
  Answer,
  AnswerSet,
  AnswerSide,
  Condition,
  ContractDurationCheck,
  ContractQuote,
  ContractStatusCheck,
  FindingCode,
  NormalizedValue,
  Question,
  Questionnaire,
  QuestionnaireFinding,
  QuestionnaireReport,
} from './types.js';

export const VERSION_FALLBACK = '0.0.0';

type Answers = Map<string, Answer>;

/** The question IDs whose answers make the condition true, or null when it is false. */
export function evalCondition(c: Condition, answers: Answers): string[] | null {
  if ('any' in c) {
    const hits = c.any.map((s) => evalCondition(s, answers)).filter((h): h is string[] => h !== null);
    return hits.length ? [...new Set(hits.flat())] : null;
  }
  const a = answers.get(c.question);
  const v: NormalizedValue = a?.error ? { kind: 'text', value: '' } : (a?.value ?? { kind: 'unanswered' });
  if (c.is) {
    const ok = c.is.some((want) => want === v.kind || (v.kind === 'choice' && v.values.includes(want)));
    if (!ok) return null;
  }
  if (c.gt !== undefined) {
    if (!(v.kind === 'unbounded' || (v.kind === 'number' && v.value > c.gt))) return null;
  }
  if (c.lt !== undefined) {
    if (!(v.kind === 'number' && v.value < c.lt)) return null;
  }
  return [c.question];
}

function evalAll(conds: Condition[], answers: Answers): string[] | null {
  const ids: string[] = [];
  for (const c of conds) {
    const hit = evalCondition(c, answers);
    if (!hit) return null;
    for (const id of hit) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Does the question apply, given the other answers? */
export function applies(q: Question, answers: Answers): boolean {
  return !q.appliesIf || evalCondition(q.appliesIf, answers) !== null;
}

function side(q: Question | undefined, a: Answer): AnswerSide {
  const s: AnswerSide = { id: a.id, question: q?.text ?? a.id, raw: a.raw, value: a.value };
  if (a.location) s.location = a.location;
  return s;
}

/** "30 days", "72 hours", "indefinitely", "Yes", "Vendor-hosted API". */
export function describeValue(v: NormalizedValue, q?: Question): string {
  switch (v.kind) {
    case 'yes':
      return 'Yes';
    case 'no':
      return 'No';
    case 'na':
      return 'N/A';
    case 'partial':
      return 'Partial';
    case 'unanswered':
      return '(unanswered)';
    case 'unbounded':
      return 'indefinitely';
    case 'number': {
      if (v.unit === 'count') return String(v.value);
      if (v.unit === 'percent') return `${v.value}%`;
      const unit = v.unit === 'days' ? (v.value === 1 ? 'day' : 'days') : v.value === 1 ? 'hour' : 'hours';
      return `${v.value} ${unit}`;
    }
    case 'choice':
      return v.values.map((x) => q?.choices?.find((c) => c.value === x)?.label ?? x).join(', ');
    case 'text':
      return v.value;
  }
}

function quote(e: Evidence, days?: number): ContractQuote {
  const out: ContractQuote = { quote: e.quote, page: e.page, section: e.section, start: e.start, end: e.end, rule: e.rule, proves: e.proves };
  if (days !== undefined) out.days = days;
  return out;
}

function statusOf(doc: DocumentReport, id: string): { status: Status; evidence: Evidence[]; title: string } {
  const r = doc.requirements.find((x) => x.id === id);
  return { status: r?.status ?? 'missing', evidence: r?.evidence ?? [], title: r?.title ?? requirementById(id)?.title ?? id };
}

function statusCheck(check: ContractStatusCheck, doc: DocumentReport, answers: Answers, questions: Map<string, Question>): QuestionnaireFinding | undefined {
  const hit = evalAll(check.when, answers);
  if (!hit) return undefined;
  const r = statusOf(doc, check.requirement);
  if (!check.status.includes(r.status)) return undefined;
  const proves = check.evidence ?? check.status.filter((s): s is Exclude<Status, 'missing'> => s !== 'missing');
  let evidence = dedupe(r.evidence.filter((e) => proves.includes(e.proves)));
  if (check.quoteContains) {
    const words = check.quoteContains;
    evidence = evidence.filter((e) => words.some((w) => e.quote.toLowerCase().includes(w)));
    if (evidence.length === 0) return undefined;
  }
  return {
    code: 'contract-conflict',
    check: check.id,
    severity: check.severity,
    ids: ['SR-CONSISTENCY', check.requirement],
    message: check.message,
    answers: hit.map((id) => side(questions.get(id), answers.get(id)!)),
    contract: {
      path: doc.path,
      requirement: check.requirement,
      title: r.title,
      status: r.status,
      evidence: evidence.map((e) => quote(e)),
    },
  };
}

/** The same sentence proven by several rules is quoted once. */
function dedupe(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.start}:${e.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const SAME = (a: number, b: number): boolean => Math.abs(a - b) < 0.01;

/** Every duration a piece of evidence states: the extracted value plus any other in the quoted sentence. */
function evidenceDays(e: Evidence): number[] {
  const days = new Set<number>();
  if (e.value?.kind === 'duration') days.add(e.value.days);
  for (const d of findDurations(e.quote)) days.add(Math.round((d.hours / 24) * 1000) / 1000);
  return [...days];
}

function durationChecks(check: ContractDurationCheck, doc: DocumentReport, answers: Answers, questions: Map<string, Question>): QuestionnaireFinding[] {
  const proves = check.evidence ?? ['met'];
  const stated: Array<{ e: Evidence; days: number[]; requirement: string; title: string; status: Status }> = [];
  for (const id of check.requirements) {
    const r = statusOf(doc, id);
    for (const e of r.evidence) {
      if (!proves.includes(e.proves)) continue;
      const days = evidenceDays(e);
      if (days.length) stated.push({ e, days, requirement: id, title: r.title, status: r.status });
    }
  }
  if (stated.length === 0) return [];
  const all = [...new Set(stated.flatMap((s) => s.days))].sort((a, b) => a - b);
  const out: QuestionnaireFinding[] = [];
  for (const qid of check.questions) {
    const a = answers.get(qid);
    if (!a || a.error) continue;
    const q = questions.get(qid);
    let answered: string;
    if (a.value.kind === 'number' && a.value.days !== undefined) {
      const d = a.value.days;
      if (all.some((x) => SAME(x, d))) continue;
      answered = describeValue(a.value, q);
    } else if (a.value.kind === 'unbounded') {
      answered = 'no limit';
    } else continue;
    const first = stated[0]!;
    const contractSays = all.map((d) => (q?.unit === 'hours' ? `${Math.round(d * 24 * 1000) / 1000} hours` : `${d} ${d === 1 ? 'day' : 'days'}`)).join(', ');
    const seen = new Set<number>();
    out.push({
      code: 'contract-conflict',
      check: check.id,
      severity: check.severity,
      ids: ['SR-CONSISTENCY', ...new Set(stated.map((s) => s.requirement))],
      message: `${check.message} Answered: ${answered}; the contract states: ${contractSays}.`,
      answers: [side(q, a)],
      contract: {
        path: doc.path,
        requirement: first.requirement,
        title: first.title,
        status: first.status,
        evidence: stated
          .filter((s) => !seen.has(s.e.start) && seen.add(s.e.start))
          .map((s) => quote(s.e, s.e.value?.kind === 'duration' ? s.e.value.days : s.days[0])),
      },
    });
  }
  return out;
}

const SEVERITY_RANK: Record<Exclude<Severity, 'none'>, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const CODE_RANK: Record<FindingCode, number> = { 'contract-conflict': 0, 'answer-conflict': 1, 'wrong-type': 2, unanswered: 3 };

export interface EvaluateOptions {
  /** The contract's check report; enables the contract cross-check. */
  contract?: DocumentReport;
  toolVersion?: string;
}

export function evaluate(set: AnswerSet, bank: Questionnaire, opts: EvaluateOptions = {}): QuestionnaireReport {
  const questions = new Map(bank.questions.map((q) => [q.id, q]));
  const answers: Answers = new Map(set.answers.map((a) => [a.id, a]));
  const findings: QuestionnaireFinding[] = [];

  for (const q of bank.questions) {
    const a = answers.get(q.id);
    if (!a) continue;
    if (a.error) {
      findings.push({ code: 'wrong-type', severity: 'medium', ids: [...q.informs], message: `Answer does not fit the question: ${a.error}.`, answers: [side(q, a)] });
    } else if (a.value.kind === 'unanswered' && applies(q, answers)) {
      findings.push({ code: 'unanswered', severity: q.key ? 'medium' : 'low', ids: [...q.informs], message: q.key ? 'Key question left unanswered.' : 'Question left unanswered.', answers: [side(q, a)] });
    }
  }

  for (const c of bank.consistency) {
    const hit = evalAll(c.when, answers);
    if (!hit) continue;
    findings.push({ code: 'answer-conflict', check: c.id, severity: c.severity, ids: [...c.informs], message: c.message, answers: hit.map((id) => side(questions.get(id), answers.get(id)!)) });
  }

  if (opts.contract) {
    for (const c of bank.contract) {
      if (c.compare === 'duration') findings.push(...durationChecks(c, opts.contract, answers, questions));
      else {
        const f = statusCheck(c, opts.contract, answers, questions);
        if (f) findings.push(f);
      }
    }
  }

  const order = new Map(bank.questions.map((q, i) => [q.id, i]));
  const firstQ = (f: QuestionnaireFinding): number => Math.min(...f.answers.map((a) => order.get(a.id) ?? 1e9));
  findings.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      CODE_RANK[a.code] - CODE_RANK[b.code] ||
      firstQ(a) - firstQ(b) ||
      (a.check ?? '').localeCompare(b.check ?? ''),
  );

  const count = (code: FindingCode): number => findings.filter((f) => f.code === code).length;
  // An unanswered question that does not apply (its condition is false) counts as not applicable.
  const kinds = set.answers.map((a) => (a.value.kind === 'unanswered' && !applies(questions.get(a.id)!, answers) ? 'na' : a.value.kind));
  const doc = opts.contract;
  return {
    schemaVersion: 1,
    tool: { name: 'clausecheck', version: opts.toolVersion ?? VERSION_FALLBACK },
    questionnaire: { ...set.questionnaire, groups: bank.groups.map((g) => ({ id: g.id, title: g.title })) },
    source: { path: set.path, format: set.format, sha256: set.sha256, sheet: set.sheet ?? null, mapping: set.mapping ?? null, vendor: set.vendor ?? null, ...(set.autoMap !== undefined ? { autoMap: set.autoMap } : {}) },
    contract: doc ? { path: doc.path, format: doc.format, sha256: doc.sha256 } : null,
    summary: {
      questions: bank.questions.length,
      answered: kinds.filter((k) => k !== 'unanswered' && k !== 'na').length,
      unanswered: kinds.filter((k) => k === 'unanswered').length,
      notApplicable: kinds.filter((k) => k === 'na').length,
      wrongType: count('wrong-type'),
      answerConflicts: count('answer-conflict'),
      contractConflicts: count('contract-conflict'),
      unmappedRows: set.unmappedRows,
    },
    answers: set.answers.map((a) => {
      const q = questions.get(a.id)!;
      return { ...a, group: q.group, question: q.text, type: q.type };
    }),
    findings,
    unmapped: (set.unmapped ?? []).map((u) => ({ ...u })),
    warnings: [...set.warnings],
  };
}

const RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** 1 when a finding is at or above the threshold, else 0. */
export function questionnaireExitCode(report: QuestionnaireReport, failOn: Severity): number {
  if (failOn === 'none') return 0;
  return report.findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}
