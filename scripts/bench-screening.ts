// Screening at scale: generate a CSL-style CSV of N rows (default 500,000; invented names), then load
// and index it in a child process and report its peak RSS and times. Not a test.
//   npx tsx scripts/bench-screening.ts [--rows N] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (process.argv[2] === '--child') {
  const file = process.argv[3]!;
  const { loadLists } = await import('../src/risk/screening/lists.js');
  const { Screener } = await import('../src/risk/screening/index.js');
  const t0 = performance.now();
  const loaded = loadLists([file]);
  const t1 = performance.now();
  const s = new Screener(loaded, { asOf: '2026-12-01' });
  const t2 = performance.now();
  const names = ['Volkradt Tekhnika LLC', 'Ooo Zarevo Servis', 'Quintar Data Systems Co., Ltd.', 'Nobody Such Bakery Ltd'];
  let flagged = 0;
  for (const n of names) flagged += s.screen({ name: n, role: 'x' }).matches.length;
  const t3 = performance.now();
  console.log(JSON.stringify({ entries: loaded.entries.length, loadMs: Math.round(t1 - t0), indexMs: Math.round(t2 - t1), screenMsPerName: Math.round((t3 - t2) / names.length), flagged, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else {
  const rows = Number(arg('--rows') ?? 500_000);
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-screen-'));
  const file = join(dir, 'big-csl.csv');
  // Deterministic invented names from syllables (a linear congruential generator, seed fixed).
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const syl = ['vol', 'kra', 'dt', 'zar', 'evo', 'quin', 'tar', 'mek', 'lon', 'bri', 'sha', 'tor', 'vex', 'nal', 'dor', 'pel', 'gri', 'ost', 'ula', 'fen', 'kov', 'ris', 'tam', 'bel', 'nor', 'sav', 'ich', 'ane', 'yor', 'hul'];
  const generic = ['Technology', 'Trading', 'Systems', 'Industrial', 'Group', 'Engineering', 'Services', 'Research Center', 'Plant', 'Electronics'];
  const forms = ['LLC', 'CO., LTD.', 'JSC', 'LIMITED', 'OOO', 'GMBH', 'JOINT STOCK COMPANY', ''];
  const countries = ['RU', 'CN', 'IR', 'BY', 'KP', 'SY', 'HK', 'AE', 'TR', 'VE'];
  const word = (): string => {
    const k = 2 + rnd(2);
    let w = '';
    for (let i = 0; i < k; i++) w += syl[rnd(syl.length)];
    return w.toUpperCase();
  };
  const parts: string[] = ['_id,source,entity_number,type,programs,name,title,addresses,alt_names,citizenships,nationalities'];
  for (let i = 0; i < rows; i++) {
    const name = `${word()} ${rnd(3) ? word() + ' ' : ''}${generic[rnd(generic.length)]} ${forms[rnd(forms.length)]}`.trim();
    const alias = rnd(3) === 0 ? `${word()} ${generic[rnd(generic.length)]}` : '';
    const c = countries[rnd(countries.length)];
    parts.push(`"B${i}","Entity List (EL) - Bureau of Industry and Security","","","","${name}","","Street ${i}, City, ${c}","${alias}","",""`);
  }
  writeFileSync(file, parts.join('\n') + '\n');
  console.log(`generated ${rows} rows, ${(statSync(file).size / 1048576).toFixed(1)} MB at ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', process.argv[1]!, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exitCode = 1;
  } else console.log(r.stdout.trim());
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
