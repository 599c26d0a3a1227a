// Turn an answered questionnaire (src/questionnaire: readAnswers + evaluate) into the facts the
// risk score uses, by the stable question IDs of questionnaires/ai-vendor.yaml. Contradictions
// between answers and each contract (the bank's `contract` checks) feed SR-CONSISTENCY.
import { loadQuestionnaire } from '../questionnaire/bank.js';
import { evaluate } from '../questionnaire/evaluate.js';
import { readAnswers } from '../questionnaire/index.js';
import type { Answer, AnswerSet, NormalizedValue } from '../questionnaire/types.js';
import type { DocumentReport } from '../types.js';
import { countryCode } from './countries.js';
import type { FactorId } from './defaults.js';
import type { AbuseControl, DataCategory, Deployment, TrainingUse } from './profile.js';
import type { AnswerFacts } from './score/index.js';
import type { ScreenSubject } from './screening/index.js';

const DEPLOYMENT: Record<string, Deployment> = {
  'vendor-api': 'vendor-api',
  'private-cloud': 'private-cloud',
  'on-premises': 'on-premises',
  'open-weights-local': 'open-weights',
};
const CATEGORIES: Record<string, DataCategory> = { public: 'public', internal: 'internal', personal: 'personal', health: 'health', financial: 'financial' };
const CONSENT: Record<string, TrainingUse> = { never: 'never', 'opt-in': 'opt-in', 'opt-out': 'opt-out', always: 'yes' };
const CONTROLS: Array<[string, AbuseControl]> = [
  ['abuse.identity-verification', 'kyc'],
  ['abuse.rate-limits', 'rate-limits'],
  ['abuse.anomaly-detection', 'anomaly-detection'],
  ['abuse.watermarking', 'watermarking'],
];
const CERTS: Array<[string, string]> = [
  ['certifications.soc2-type2', 'SOC 2 Type II'],
  ['certifications.iso27001', 'ISO/IEC 27001'],
  ['certifications.iso42001', 'ISO/IEC 42001'],
];

function shown(v: NormalizedValue): string {
  switch (v.kind) {
    case 'number':
      return `${v.value} ${v.unit}`;
    case 'choice':
      return v.values.join(', ');
    case 'text':
      return v.value;
    default:
      return v.kind;
  }
}

/** Facts from an answer set; `contracts` enables the answer-versus-contract checks. */
export function factsFromAnswers(set: AnswerSet, contracts: DocumentReport[]): { facts: AnswerFacts; subjects: ScreenSubject[] } {
  const by = new Map<string, Answer>(set.answers.map((a) => [a.id, a]));
  const val = (id: string): NormalizedValue | undefined => {
    const a = by.get(id);
    if (!a || a.error) return undefined;
    return a.value.kind === 'unanswered' || a.value.kind === 'na' ? undefined : a.value;
  };
  const yes = (id: string): boolean | undefined => {
    const v = val(id);
    if (!v) return undefined;
    if (v.kind === 'yes' || v.kind === 'partial') return true;
    if (v.kind === 'no') return false;
    return undefined;
  };
  const text = (id: string): string | undefined => {
    const v = val(id);
    if (v?.kind !== 'text') return undefined;
    const t = v.value.trim();
    return t && !/^(none|n\/?a|no|-)$/i.test(t) ? t : undefined;
  };
  const notes: Partial<Record<FactorId, string[]>> = {};
  const note = (f: FactorId, id: string): void => {
    const v = val(id);
    if (v) (notes[f] ??= []).push(`${id} = ${shown(v)}`);
  };
  const facts: AnswerFacts = { file: set.path, sha256: set.sha256, contradictions: [], notes };

  const dm = val('deployment.model');
  if (dm?.kind === 'choice' && dm.values[0] && DEPLOYMENT[dm.values[0]]) {
    facts.deployment = DEPLOYMENT[dm.values[0]];
    note('SR-DEPLOYMENT', 'deployment.model');
  }
  const dc = val('deployment.data-categories');
  if (dc?.kind === 'choice') {
    const cats = dc.values.map((c) => CATEGORIES[c]).filter((c): c is DataCategory => !!c);
    if (cats.length) facts.dataCategories = [...new Set(cats)];
  }

  // Training: the consent question is the most precise; the yes/no questions fill in.
  const consent = val('data.training-consent');
  if (consent?.kind === 'choice' && consent.values[0] && CONSENT[consent.values[0]]) {
    facts.training = CONSENT[consent.values[0]];
    note('SR-TRAINING-USE', 'data.training-consent');
  } else {
    const inputs = yes('data.training-on-inputs');
    const outputs = yes('data.training-on-outputs');
    const optOut = yes('data.training-opt-out');
    if (inputs || outputs) facts.training = optOut ? 'opt-out' : 'yes';
    else if (inputs === false || outputs === false) facts.training = 'never';
    if (facts.training) {
      note('SR-TRAINING-USE', 'data.training-on-inputs');
      note('SR-TRAINING-USE', 'data.training-on-outputs');
    }
  }

  // Retention: the longest of inputs, outputs and logs.
  let days: number | 'unbounded' | undefined;
  for (const id of ['data.retention-inputs-days', 'data.retention-outputs-days', 'data.retention-logs-days']) {
    const v = val(id);
    if (!v) continue;
    if (v.kind === 'unbounded') days = 'unbounded';
    else if (v.kind === 'number' && days !== 'unbounded') days = Math.max(days ?? 0, v.days ?? v.value);
  }
  if (days !== undefined) facts.retentionDays = days;

  const certAnswered = CERTS.some(([id]) => yes(id) !== undefined) || text('certifications.other') !== undefined;
  if (certAnswered) {
    facts.certifications = CERTS.filter(([id]) => yes(id)).map(([, label]) => label);
    const other = text('certifications.other');
    if (other) facts.certifications.push(...other.split(/[;,\n]+/).map((s) => s.trim()).filter((s) => s));
  }

  const present: AbuseControl[] = [];
  const absent: AbuseControl[] = [];
  for (const [id, c] of CONTROLS) {
    const y = yes(id);
    if (y === true) present.push(c);
    else if (y === false) absent.push(c);
  }
  if (present.length + absent.length) facts.abuseControls = { present, absent };

  const inc: NonNullable<AnswerFacts['incidents']> = [];
  const details = text('incidents.details') ?? 'declared in the questionnaire';
  const breach = yes('incidents.security-breach');
  const distil = yes('incidents.distillation');
  const sanctions = yes('incidents.sanctions');
  if (breach) inc.push({ type: 'breach', summary: `security incident affecting customer data (${details})` });
  if (distil) inc.push({ type: 'distillation', summary: `distillation or model-extraction incident (${details})` });
  if (sanctions) inc.push({ type: 'sanctions', summary: `sanctions or export-control matter (${details})` });
  if (inc.length || breach === false || distil === false || sanctions === false) facts.incidents = inc;

  if (yes('company.restricted-list')) facts.restrictedListClaim = true;

  // Answers against each contract.
  if (contracts.length) {
    const bank = loadQuestionnaire();
    for (const doc of contracts) {
      const rep = evaluate(set, bank, { contract: doc });
      for (const f of rep.findings) {
        if (f.code !== 'contract-conflict') continue;
        const q = f.contract?.evidence[0];
        facts.contradictions.push({
          message: f.message,
          detail: `${f.answers.map((a) => `${a.id} = ${shown(a.value)}`).join(', ')}; ${doc.path}${q ? ` §${q.section}: "${q.quote}"` : ''}`,
        });
      }
    }
  }

  // Parties the questionnaire names: screened too.
  const subjects: ScreenSubject[] = [];
  const addSubject = (nameId: string, countryId: string, role: string): void => {
    const n = text(nameId);
    if (!n) return;
    const c = text(countryId);
    const code = c ? countryCode(c) : undefined;
    subjects.push({ name: n, ...(code ? { country: code } : {}), role });
  };
  addSubject('company.legal-name', 'company.incorporation-country', 'vendor (questionnaire)');
  addSubject('company.parent-name', 'company.parent-country', 'parent (questionnaire)');
  addSubject('company.ultimate-owner-name', 'company.ultimate-owner-country', 'ultimate-owner (questionnaire)');
  return { facts, subjects };
}

export async function readAnswerFacts(file: string, contracts: DocumentReport[]): Promise<{ facts: AnswerFacts; subjects: ScreenSubject[] }> {
  const set = await readAnswers(file);
  return factsFromAnswers(set, contracts);
}
