// Assess one vendor: profile + contracts (check) + questionnaire + screening → explainable score.
import { checkFiles, VERSION } from '../check/index.js';
import { DEFAULT_PLAYBOOK, loadPlaybook, type Playbook } from '../playbook/index.js';
import type { DocumentReport, Status } from '../types.js';
import { InputError } from '../types.js';
import { readAnswerFacts } from './answers.js';
import { configFromPlaybook, loadRiskConfig, type PlaybookLike } from './config.js';
import { defaultConfig, type RiskConfig, type Tier } from './defaults.js';
import { loadProfile, screeningSubjects } from './profile.js';
import { type RequirementPolicy, type RiskScore, type AnswerFacts, scoreVendor } from './score/index.js';
import { loadAllowlist, loadLists, normalizeName, Screener, type ScreeningReport, type ScreenSubject } from './screening/index.js';

export interface RiskContext {
  config: RiskConfig;
  playbook?: Playbook;
  screener?: Screener;
  rulesDir?: string;
}

export interface AssessOptions {
  /** Contract files in addition to the profile's `contracts`. */
  contracts?: string[];
  /** Questionnaire answers (overrides the profile's `questionnaire`). */
  questionnaire?: string;
  /** YYYY-MM-DD (default: today, UTC). */
  asOf?: string;
}

export interface ContractSummary {
  path: string;
  format: string;
  sha256: string;
  pages: number;
  counts: Record<Status, number>;
}

/** The score's fields (score, tiers, factors, floors) plus who, when and from what. */
export interface RiskAssessment extends RiskScore {
  schemaVersion: 1;
  kind: 'vendor-risk';
  tool: { name: 'clausecheck'; version: string };
  vendor: { name: string; aliases: string[]; country: string; profile: string; sha256: string };
  asOf: string;
  playbook: string | null;
  config: { source: string; tiers: RiskConfig['tiers']; unknownRisk: number; screeningThreshold: number };
  screening: ScreeningReport | null;
  contracts: ContractSummary[];
  questionnaire: { path: string; sha256: string | null } | null;
}

export interface ContextOptions {
  /** Built-in name or YAML file; default ai-buyer (as for check); 'none' for the catalog's severities. */
  playbook?: string;
  riskConfig?: string;
  lists?: string[];
  allowlist?: string;
  threshold?: number;
  rulesDir?: string;
  /** The date screening lists are aged at (YYYY-MM-DD; default today). */
  asOf?: string;
  /** Days a list may be old before every screening result warns (default 30). */
  maxListAge?: number;
}

/** Resolve playbook, risk config and screening lists once (a portfolio shares them). */
export function buildContext(o: ContextOptions): RiskContext {
  let config = defaultConfig();
  let playbook: Playbook | undefined;
  // Like `check`, the ai-buyer playbook applies unless another (or 'none') is named.
  const pbName = o.playbook ?? DEFAULT_PLAYBOOK;
  if (pbName !== 'none') {
    playbook = loadPlaybook(pbName);
    config = configFromPlaybook(config, playbook as unknown as PlaybookLike);
  }
  if (o.riskConfig) config = loadRiskConfig(o.riskConfig, config);
  if (o.threshold !== undefined) config = { ...config, screeningThreshold: o.threshold };
  if (o.allowlist && !(o.lists && o.lists.length)) throw new InputError(o.allowlist, 'an allowlist needs at least one --list to screen against');
  let screener: Screener | undefined;
  if (o.lists && o.lists.length) {
    const loaded = loadLists(o.lists);
    if (o.asOf !== undefined && !isCalendarDate(o.asOf)) throw new InputError('--as-of', `expected a date as YYYY-MM-DD, got "${o.asOf}"`);
    screener = new Screener(loaded, {
      threshold: config.screeningThreshold,
      ...(o.allowlist ? { allowlist: loadAllowlist(o.allowlist) } : {}),
      ...(o.asOf ? { asOf: o.asOf } : {}),
      ...(o.maxListAge !== undefined ? { maxListAge: o.maxListAge } : {}),
    });
  }
  return { config, ...(playbook ? { playbook } : {}), ...(screener ? { screener } : {}), ...(o.rulesDir ? { rulesDir: o.rulesDir } : {}) };
}

/** A real YYYY-MM-DD date (2025-02-30 and 2025-13-01 are not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function counts(d: DocumentReport): Record<Status, number> {
  const c: Record<Status, number> = { met: 0, partial: 0, missing: 0, conflict: 0 };
  for (const r of d.requirements) c[r.status] += 1;
  return c;
}

/** Subjects from the profile, plus parties the questionnaire names that the profile does not. */
function mergeSubjects(fromProfile: ScreenSubject[], extra: ScreenSubject[]): ScreenSubject[] {
  const seen = new Set(fromProfile.flatMap((s) => [s.name, ...(s.aliases ?? [])].map((n) => normalizeName(n).key)));
  const out = [...fromProfile];
  for (const s of extra) {
    const k = normalizeName(s.name).key;
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}

export async function assessVendor(profileFile: string, ctx: RiskContext, opts: AssessOptions = {}): Promise<RiskAssessment> {
  const asOf = opts.asOf ?? today();
  if (!isCalendarDate(asOf)) throw new InputError('--as-of', `expected a date as YYYY-MM-DD, got "${asOf}"`);
  const loaded = loadProfile(profileFile);
  const contractFiles = [...loaded.contracts, ...(opts.contracts ?? [])];
  let docs: DocumentReport[] = [];
  if (contractFiles.length) {
    // The check applies the playbook (severities, limits); null keeps the catalog's view.
    const report = await checkFiles([...new Set(contractFiles)], { ...(ctx.rulesDir ? { rulesDir: ctx.rulesDir } : {}), playbook: ctx.playbook ?? null });
    docs = report.documents;
  }
  const qFile = opts.questionnaire ?? loaded.questionnaire;
  let answers: AnswerFacts | undefined;
  let extraSubjects: ScreenSubject[] = [];
  if (qFile) {
    const r = await readAnswerFacts(qFile, docs);
    answers = r.facts;
    extraSubjects = r.subjects;
  }
  const subjects = mergeSubjects(screeningSubjects(loaded.profile), extraSubjects);
  const screening = ctx.screener ? ctx.screener.report(subjects) : undefined;
  const policy: Record<string, RequirementPolicy> | undefined = ctx.playbook ? ctx.playbook.requirements : undefined;
  const s = scoreVendor(
    {
      profile: loaded.profile,
      asOf,
      ...(screening ? { screening } : {}),
      contracts: docs,
      ...(policy ? { policy } : {}),
      ...(answers ? { answers } : {}),
    },
    ctx.config,
  );
  return {
    schemaVersion: 1,
    kind: 'vendor-risk',
    tool: { name: 'clausecheck', version: VERSION },
    vendor: { name: loaded.profile.name, aliases: [...(loaded.profile.aliases ?? [])], country: loaded.profile.country, profile: profileFile, sha256: loaded.sha256 },
    asOf,
    playbook: ctx.playbook?.name ?? null,
    config: { source: ctx.config.source, tiers: { ...ctx.config.tiers }, unknownRisk: ctx.config.unknownRisk, screeningThreshold: ctx.config.screeningThreshold },
    score: s.score,
    scoreTier: s.scoreTier,
    tier: s.tier,
    totalWeight: s.totalWeight,
    factors: s.factors,
    floors: s.floors,
    screening: screening ?? null,
    contracts: docs.map((d) => ({ path: d.path, format: d.format, sha256: d.sha256, pages: d.pages, counts: counts(d) })),
    questionnaire: answers ? { path: answers.file, sha256: answers.sha256 ?? null } : null,
  };
}
