// A vendor portfolio: one folder per vendor (vendor.yaml + contracts + an optional answered
// questionnaire), assessed in parallel on worker threads. Results are placed by folder index and
// ranked by tier, score and name, so the output does not depend on which worker finishes first.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VERSION } from '../check/index.js';
import { readBounded } from '../read-file.js';
import { InputError } from '../types.js';
import { FROM_SOURCE, runInWorkers } from './portfolio-pool.js';
import type { Task } from './portfolio-worker.js';
import { assessVendor, buildContext, type ContextOptions, type RiskAssessment, today } from './assess.js';
import { ALL_FACTOR_IDS, type FactorId, type FloorId, TIERS, type Tier } from './defaults.js';
import type { ListInfo } from './screening/index.js';
import { tierRank } from './score/index.js';

export const PROFILE_NAMES = ['vendor.yaml', 'vendor.yml', 'vendor.json'];
const CONTRACT_EXT = new Set(['.pdf', '.docx', '.txt', '.md']);
const QUESTIONNAIRE_NAMES = ['questionnaire.yaml', 'questionnaire.yml', 'questionnaire.json', 'questionnaire.csv', 'questionnaire.xlsx'];

export interface VendorFolder {
  folder: string;
  profile: string;
  contracts: string[];
  questionnaire?: string;
}

export interface PortfolioVendor {
  rank: number;
  folder: string;
  name: string;
  country: string;
  score: number;
  scoreTier: Tier;
  tier: Tier;
  floors: FloorId[];
  domains: { AD: number | null; DR: number | null; EC: number | null };
  /** Risk per factor; null when not assessed. */
  factors: Record<FactorId, number | null>;
  unknown: FactorId[];
  screening: 'hit' | 'review' | 'cleared' | 'clear' | 'not-screened';
  contracts: number;
  questionnaire: boolean;
}

export interface PortfolioDiff {
  old: string;
  changed: Array<{ folder: string; name: string; from: Tier; to: Tier; scoreFrom: number; scoreTo: number; direction: 'up' | 'down' }>;
  added: Array<{ folder: string; name: string; tier: Tier }>;
  removed: Array<{ folder: string; name: string; tier: Tier }>;
}

export interface PortfolioReport {
  schemaVersion: 1;
  kind: 'vendor-portfolio';
  tool: { name: 'clausecheck'; version: string };
  dir: string;
  asOf: string;
  playbook: string | null;
  config: { source: string; tiers: { medium: number; high: number; critical: number } };
  lists: ListInfo[];
  tiers: Record<Tier, number>;
  vendors: PortfolioVendor[];
  diff?: PortfolioDiff;
}

export interface PortfolioOptions extends ContextOptions {
  asOf?: string;
  /** Worker threads (default: available cores, at most the number of vendors); 0 or 1 runs in this thread. */
  jobs?: number;
  /** A previous portfolio JSON report to compare tiers with. */
  diff?: string;
  onProgress?: (done: number, total: number, name: string) => void;
  /**
   * Only for runs from the TypeScript source (tests, scripts): a module (path or URL) each worker
   * thread imports before the worker code, i.e. a TypeScript loader. Without it such a run assesses
   * the vendors in this thread (same output). The built package needs none.
   */
  workerPreload?: string | URL;
}

/** The vendor folders of a portfolio directory, sorted by name. */
export function findVendorFolders(dir: string): VendorFolder[] {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError(dir, 'portfolio folder not found');
  }
  if (!st.isDirectory()) throw new InputError(dir, 'expected a folder with one sub-folder per vendor');
  const out: VendorFolder[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const folder = join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(folder).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // a dangling link: skipped like the files beside the vendor folders
      throw new InputError(folder, `cannot read (${code ?? String(err)})`);
    }
    if (!isDir) continue;
    let files: string[];
    try {
      files = readdirSync(folder).sort();
    } catch (err) {
      throw new InputError(folder, `cannot read folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    const profileName = PROFILE_NAMES.find((p) => files.includes(p));
    if (!profileName) throw new InputError(folder, `no vendor profile (${PROFILE_NAMES.join(', ')}) in this vendor folder`);
    const qName = QUESTIONNAIRE_NAMES.find((q) => files.includes(q));
    const contracts = files
      .filter((f) => CONTRACT_EXT.has(extname(f).toLowerCase()) && !/^readme\.md$/i.test(f) && !f.startsWith('.'))
      .map((f) => join(folder, f));
    out.push({ folder, profile: join(folder, profileName), contracts, ...(qName ? { questionnaire: join(folder, qName) } : {}) });
  }
  if (out.length === 0) throw new InputError(dir, 'no vendor folders (one sub-folder per vendor, each with a vendor.yaml)');
  return out;
}

function row(v: VendorFolder, a: RiskAssessment): PortfolioVendor {
  const risk = (id: FactorId): number | null => {
    const f = a.factors.find((x) => x.id === id)!;
    return f.assessed ? f.risk : null;
  };
  const decisions = a.screening?.results.map((r) => r.decision) ?? [];
  const screening: PortfolioVendor['screening'] = !a.screening
    ? 'not-screened'
    : decisions.includes('hit')
      ? 'hit'
      : decisions.includes('review')
        ? 'review'
        : decisions.includes('cleared')
          ? 'cleared'
          : 'clear';
  return {
    rank: 0,
    folder: basename(v.folder),
    name: a.vendor.name,
    country: a.vendor.country,
    score: a.score,
    scoreTier: a.scoreTier,
    tier: a.tier,
    floors: a.floors.map((f) => f.id),
    domains: { AD: risk('AD'), DR: risk('DR'), EC: risk('EC') },
    factors: Object.fromEntries(ALL_FACTOR_IDS.map((id) => [id, risk(id)])) as Record<FactorId, number | null>,
    unknown: a.factors.filter((f) => f.unknown).map((f) => f.id),
    screening,
    contracts: a.contracts.length,
    questionnaire: a.questionnaire !== null,
  };
}

export function rankVendors(rows: PortfolioVendor[]): PortfolioVendor[] {
  const sorted = [...rows].sort(
    (a, b) => tierRank(b.tier) - tierRank(a.tier) || b.score - a.score || a.name.localeCompare(b.name, 'en') || a.folder.localeCompare(b.folder, 'en'),
  );
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}

export function diffPortfolio(oldFile: string, vendors: PortfolioVendor[]): PortfolioDiff {
  let data: unknown;
  try {
    data = JSON.parse(readBounded(oldFile, 256 * 1048576, 'portfolio report').toString('utf8'));
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(oldFile, code === 'ENOENT' ? 'file not found' : `not a JSON file (${(err as Error).message.split('\n')[0]})`);
  }
  const d = data as Partial<PortfolioReport>;
  if (!d || d.kind !== 'vendor-portfolio' || !Array.isArray(d.vendors)) {
    throw new InputError(oldFile, 'not a portfolio JSON report (write one with: clausecheck portfolio DIR --format json -o FILE)');
  }
  const old = new Map<string, { name: string; tier: Tier; score: number }>();
  for (const v of d.vendors) {
    if (!v || typeof v.folder !== 'string' || !TIERS.includes(v.tier)) throw new InputError(oldFile, 'a vendor entry has no folder or tier');
    old.set(v.folder, { name: String(v.name), tier: v.tier, score: Number(v.score) });
  }
  const diff: PortfolioDiff = { old: oldFile, changed: [], added: [], removed: [] };
  const seen = new Set<string>();
  for (const v of vendors) {
    seen.add(v.folder);
    const o = old.get(v.folder);
    if (!o) diff.added.push({ folder: v.folder, name: v.name, tier: v.tier });
    else if (o.tier !== v.tier) {
      diff.changed.push({ folder: v.folder, name: v.name, from: o.tier, to: v.tier, scoreFrom: o.score, scoreTo: v.score, direction: tierRank(v.tier) > tierRank(o.tier) ? 'up' : 'down' });
    }
  }
  for (const [folder, o] of [...old].sort((a, b) => a[0].localeCompare(b[0]))) if (!seen.has(folder)) diff.removed.push({ folder, name: o.name, tier: o.tier });
  return diff;
}

export async function assessPortfolio(dir: string, opts: PortfolioOptions = {}): Promise<PortfolioReport> {
  const asOf = opts.asOf ?? today();
  const folders = findVendorFolders(dir);
  const ctxOptions: ContextOptions = {
    ...(opts.playbook ? { playbook: opts.playbook } : {}),
    ...(opts.riskConfig ? { riskConfig: opts.riskConfig } : {}),
    ...(opts.lists?.length ? { lists: opts.lists } : {}),
    ...(opts.allowlist ? { allowlist: opts.allowlist } : {}),
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
    ...(opts.rulesDir ? { rulesDir: opts.rulesDir } : {}),
    asOf,
    ...(opts.maxListAge !== undefined ? { maxListAge: opts.maxListAge } : {}),
  };
  // Resolve the shared context here first: a bad list or config fails before any worker starts.
  const ctx = buildContext(ctxOptions);
  const tasks: Task[] = folders.map((f, index) => ({ index, profile: f.profile, contracts: f.contracts, ...(f.questionnaire ? { questionnaire: f.questionnaire } : {}), asOf }));
  const preload = opts.workerPreload === undefined ? undefined : new URL(opts.workerPreload, pathToFileURL(`${process.cwd()}/`)).href;
  // From source without a loader for the workers, the vendors are assessed in this thread (same output).
  const jobs = FROM_SOURCE && !preload ? 1 : Math.max(0, Math.min(opts.jobs ?? availableParallelism(), tasks.length));
  let doneCount = 0;
  const progress = (i: number): void => {
    doneCount++;
    opts.onProgress?.(doneCount, tasks.length, basename(folders[i]!.folder));
  };
  let assessments: RiskAssessment[];
  if (jobs <= 1) {
    assessments = [];
    for (const t of tasks) {
      assessments.push(await assessVendor(t.profile, ctx, { contracts: t.contracts, ...(t.questionnaire ? { questionnaire: t.questionnaire } : {}), asOf }));
      progress(t.index);
    }
  } else {
    assessments = await runInWorkers(tasks, jobs, ctxOptions, preload, progress);
  }
  const vendors = rankVendors(folders.map((f, i) => row(f, assessments[i]!)));
  const tiers = Object.fromEntries(TIERS.map((t) => [t, vendors.filter((v) => v.tier === t).length])) as Record<Tier, number>;
  const report: PortfolioReport = {
    schemaVersion: 1,
    kind: 'vendor-portfolio',
    tool: { name: 'clausecheck', version: VERSION },
    dir,
    asOf,
    playbook: ctx.playbook?.name ?? null,
    config: { source: ctx.config.source, tiers: { ...ctx.config.tiers } },
    lists: ctx.screener?.loaded.lists ?? [],
    tiers,
    vendors,
  };
  if (opts.diff) report.diff = diffPortfolio(opts.diff, vendors);
  return report;
}
