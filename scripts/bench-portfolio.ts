// Portfolio benchmark: generate N fictional vendor folders (profile + contract, a questionnaire for
// one in three) and a restricted-party list of fictional names, then run `portfolio` on worker
// threads and print wall time and peak memory (max RSS of the process, all threads included).
//
//   npx tsx scripts/bench-portfolio.ts [--vendors 1000] [--jobs N] [--list-size 5000] [--keep]
//
// scripts/bench.ts may import benchPortfolio() instead. Everything generated is deterministic
// (seeded) and goes to a temporary folder that is removed afterwards unless --keep is given.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessPortfolio } from '../src/risk/portfolio.js';
import { renderPortfolio } from '../src/render/risk.js';
import { prng } from './lib/docgen.js';

export interface PortfolioBenchResult {
  vendors: number;
  jobs: number;
  listEntries: number;
  seconds: number;
  msPerVendor: number;
  peakRssMb: number;
  tiers: Record<string, number>;
  htmlBytes: number;
}

const SYLLABLES = ['lu', 'men', 'tor', 'ka', 'vel', 'dra', 'sin', 'quo', 'ber', 'nix', 'ost', 'ra', 'fen', 'gal', 'mor', 'tes', 'zan', 'pel', 'cor', 'dun'];
const WORDS = ['Analytics', 'Robotics', 'Speech', 'Vision', 'Labs', 'Systems', 'Data', 'Intelligence', 'Networks', 'Translate', 'Health', 'Finance'];
const FORMS = ['Ltd', 'Inc.', 'GmbH', 'B.V.', 'S.A.', 'Oy', 'LLC', 'Co., Ltd.', 'AB', 'S.r.l.'];
const COUNTRIES = ['GB', 'US', 'DE', 'NL', 'FR', 'FI', 'SE', 'IE', 'IT', 'ES', 'CN', 'HK', 'SG', 'JP', 'IN', 'AE', 'RU'];

// Clauses written for this benchmark (fictional); each contract picks a subset.
const CLAUSES = [
  'Customer shall not use any Output to develop, train or improve any artificial intelligence model that competes with the Services.',
  'Customer shall not scrape, harvest or systematically extract Output, and shall access the Services only through the documented API.',
  'Customer shall not reverse engineer or attempt to discover the model weights, parameters or architecture of any model.',
  'Customer shall not share account credentials or open multiple accounts to avoid usage limits.',
  'Provider may set rate limits, and Customer shall not circumvent them.',
  'Provider may monitor and log use of the Services to detect abuse and violations of this Agreement.',
  'Provider may suspend access immediately if it reasonably suspects misuse of the Services.',
  'Provider will not use Customer Data, Inputs or Outputs to train or improve any model.',
  'Provider may use Customer Data to improve its models unless Customer opts out in writing.',
  'Provider will retain Inputs and Outputs for no longer than thirty (30) days.',
  'Provider retains prompts and outputs for one hundred eighty (180) days.',
  'Within thirty (30) days after termination, Provider will delete all Customer Data and certify the deletion in writing.',
  'Customer Data is stored and processed only in the European Economic Area.',
  'Provider will notify Customer of any security incident affecting Customer Data within forty-eight (48) hours.',
  'Inputs and Outputs are Customer\'s Confidential Information, and Customer owns all Output.',
  'Each party shall comply with all applicable export control and sanctions laws, including the EAR and the regulations administered by OFAC.',
  'Each party represents that neither it nor any entity owning fifty percent or more of it is named on any restricted party list.',
  'Customer shall not access or use the Services from Cuba, Iran, North Korea or Syria.',
  'Customer shall not use the Services for any military end use or for the development of nuclear, chemical or biological weapons.',
  'Provider may suspend or terminate the Services whenever it likes, with or without a reason, and without refund.',
  'Provider will provide the export classification of the Services on request.',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function fakeName(r: () => number): string {
  const n = 2 + Math.floor(r() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, SYLLABLES);
  return w[0]!.toUpperCase() + w.slice(1);
}

export function generatePortfolio(dir: string, vendors: number, listSize: number, seed = 42): { listFile: string } {
  const r = prng(seed);
  mkdirSync(dir, { recursive: true });
  // The list: fictional names in the plain names-CSV format, plus the shipped sample CSL.
  const rows = ['name,aliases,country'];
  const listed: string[] = [];
  for (let i = 0; i < listSize; i++) {
    const name = `${fakeName(r)} ${pick(r, WORDS)} ${pick(r, FORMS)}`;
    listed.push(name);
    rows.push(`"${name}",,${pick(r, COUNTRIES)}`);
  }
  const listFile = join(dir, '..', 'bench-list.csv');
  writeFileSync(listFile, '# date: 2025-06-30\n' + rows.join('\n') + '\n');
  for (let i = 0; i < vendors; i++) {
    const folder = join(dir, `v${String(i).padStart(4, '0')}`);
    mkdirSync(folder);
    // One vendor in fifty carries a listed name, so the hit path is exercised too.
    const name = i % 50 === 7 ? listed[i % listed.length]! : `${fakeName(r)} ${pick(r, WORDS)} ${pick(r, FORMS)}`;
    const clauses = CLAUSES.filter(() => r() < 0.55);
    writeFileSync(join(folder, 'contract.txt'), `MASTER SERVICES AGREEMENT (GENERATED, FICTIONAL)\n\n${clauses.map((c, k) => `${k + 1}. ${c}`).join('\n\n')}\n`);
    const hasQ = i % 3 === 0;
    if (hasQ) {
      writeFileSync(
        join(folder, 'questionnaire.yaml'),
        `questionnaire: ai-vendor\nanswers:\n  data.training-on-inputs: "${r() < 0.8 ? 'no' : 'yes'}"\n  data.retention-inputs-days: ${pick(r, [0, 7, 30, 90, 365])}\n  certifications.soc2-type2: "${r() < 0.6 ? 'yes' : 'no'}"\n  abuse.rate-limits: "yes"\n`,
      );
    }
    const profile = [
      `name: "${name}"`,
      `country: ${pick(r, COUNTRIES)}`,
      `deployment: ${pick(r, ['on-premises', 'open-weights', 'private-cloud', 'vendor-dedicated', 'vendor-api', 'vendor-api'])}`,
      `dataCategories: [${['public', 'internal', 'personal', 'financial', 'health'].filter(() => r() < 0.4).join(', ') || 'internal'}]`,
      `training: ${pick(r, ['never', 'never', 'opt-in', 'opt-out', 'yes'])}`,
      `retentionDays: ${pick(r, [0, 14, 30, 90, 400])}`,
      `certifications: [${['SOC 2 Type II', 'ISO 27001', 'ISO 42001'].filter(() => r() < 0.5).join(', ')}]`,
      `abuseControls: [${['kyc', 'rate-limits', 'anomaly-detection', 'watermarking'].filter(() => r() < 0.5).join(', ')}]`,
      r() < 0.3 ? `parent: { name: "${fakeName(r)} Holdings", country: ${pick(r, COUNTRIES)}, share: ${pick(r, [20, 51, 100])} }` : '',
      `subprocessors: [{ name: "${fakeName(r)} Cloud", country: ${pick(r, COUNTRIES)} }]`,
      r() < 0.2 ? `incidents: [{ date: "2025-0${1 + Math.floor(r() * 6)}-15", type: breach, summary: generated }]` : 'incidents: []',
      'contracts: [contract.txt]',
      hasQ ? 'questionnaire: questionnaire.yaml' : '',
    ].filter((l) => l !== '');
    writeFileSync(join(folder, 'vendor.yaml'), profile.join('\n') + '\n');
  }
  return { listFile };
}

export async function benchPortfolio(opts: { vendors?: number; jobs?: number; listSize?: number; keep?: boolean } = {}): Promise<PortfolioBenchResult & { dir: string }> {
  const vendors = opts.vendors ?? 1000;
  const listSize = opts.listSize ?? 5000;
  const jobs = opts.jobs ?? availableParallelism();
  const root = mkdtempSync(join(tmpdir(), 'clausecheck-bench-portfolio-'));
  const dir = join(root, 'portfolio');
  const { listFile } = generatePortfolio(dir, vendors, listSize);
  const t0 = performance.now();
  // Run from source: the worker threads need the TypeScript loader (see src/risk/portfolio.ts).
  const report = await assessPortfolio(dir, { lists: [listFile, 'lists/sample-csl.csv'], asOf: '2025-07-01', jobs, workerPreload: new URL('./lib/ts-loader.mjs', import.meta.url) });
  const html = renderPortfolio(report, 'html');
  const json = renderPortfolio(report, 'json');
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(join(root, 'portfolio.html'), html);
  writeFileSync(join(root, 'portfolio.json'), json);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  if (!opts.keep) rmSync(root, { recursive: true, force: true });
  return {
    dir: root,
    vendors,
    jobs,
    listEntries: listSize + readFileSync('lists/sample-csl.csv', 'utf8').trim().split('\n').length - 1,
    seconds,
    msPerVendor: (seconds * 1000) / vendors,
    peakRssMb,
    tiers: report.tiers,
    htmlBytes: Buffer.byteLength(html),
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (/bench-portfolio\.(ts|js)$/.test(process.argv[1] ?? '')) {
  const vendors = Number(arg('vendors') ?? 1000);
  const jobs = arg('jobs') !== undefined ? Number(arg('jobs')) : undefined;
  const listSize = Number(arg('list-size') ?? 5000);
  benchPortfolio({ vendors, ...(jobs !== undefined ? { jobs } : {}), listSize, keep: process.argv.includes('--keep') }).then(
    (r) => {
      console.log(`portfolio: ${r.vendors} vendors, ${r.jobs} worker thread${r.jobs === 1 ? '' : 's'}, list of ${r.listEntries} entries`);
      console.log(`  time        ${r.seconds.toFixed(2)} s (${r.msPerVendor.toFixed(1)} ms per vendor)`);
      console.log(`  peak memory ${r.peakRssMb.toFixed(0)} MB (max RSS, all threads)`);
      console.log(`  tiers       ${Object.entries(r.tiers).map(([t, n]) => `${n} ${t}`).join(' · ')}`);
      console.log(`  html page   ${(r.htmlBytes / 1024).toFixed(0)} KB`);
      if (process.argv.includes('--keep')) console.log(`  kept in     ${r.dir}`);
    },
    (err: unknown) => {
      console.error(`bench-portfolio: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
