// Fuzz worker (a worker thread of scripts/fuzz.ts): builds input number i from the seed, runs it
// through the CLI's own entry point in-process (dist/cli/main.js, so `npm run build` first) and
// classifies the outcome. Plain JavaScript because Node 20 gives worker threads no TypeScript loader.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import JSZip from 'jszip';
import { parse as parseYaml } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { seed, outDir } = workerData;
const r = (p) => join(ROOT, p);
const ls = (dir, re) => readdirSync(r(dir)).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`);

// Every input kind the tool reads: seed files and the command line that reads one.
const KINDS = [
  // OCR (the default for pages that lose their text) costs seconds a page: one PDF input in six runs
  // with it, so the renderer and Tesseract meet broken files without OCR taking the whole run.
  { kind: 'pdf', seeds: ls('samples', /\.pdf$/), args: (f, i) => ['check', f, '--fail-on', 'none', '--ocr', Math.floor(i / KINDS.length) % 6 === 0 ? 'auto' : 'never'] },
  { kind: 'docx', seeds: ls('samples', /\.docx$/), args: (f) => ['check', f, '--fail-on', 'none'], zip: true },
  { kind: 'txt', seeds: [...ls('samples', /\.txt$/), 'samples/portfolio/orbital-notes/terms.md'], args: (f) => ['check', f, '--fail-on', 'none'] },
  { kind: 'xlsx', seeds: ['samples/questionnaires/halyard-labs.xlsx'], args: (f) => ['questionnaire', 'check', f, '--fail-on', 'none'], zip: true },
  { kind: 'xlsx-mapped', seeds: ['samples/questionnaires/kestrel-vision-caiq.xlsx'], args: (f) => ['questionnaire', 'check', f, '--mapping', r('samples/questionnaires/caiq-style-mapping.yaml'), '--fail-on', 'none'], zip: true },
  { kind: 'csv', seeds: ['samples/questionnaires/quillmark-ai.csv'], args: (f) => ['questionnaire', 'check', f, '--fail-on', 'none'] },
  { kind: 'answers-yaml', seeds: ['samples/questionnaires/meridian-speech.yaml', 'samples/portfolio/lumenfield/questionnaire.yaml'], args: (f) => ['questionnaire', 'check', f, '--fail-on', 'none'] },
  { kind: 'answers-json', seeds: ['samples/questionnaires/meridian-speech.yaml'], asJson: true, args: (f) => ['questionnaire', 'check', f, '--fail-on', 'none'] },
  { kind: 'mapping', seeds: ['samples/questionnaires/caiq-style-mapping.yaml'], args: (f) => ['questionnaire', 'check', r('samples/questionnaires/kestrel-vision-caiq.xlsx'), '--mapping', f, '--fail-on', 'none'] },
  { kind: 'playbook', seeds: ls('playbooks', /\.yaml$/), args: (f) => ['check', r('samples/weak-vendor-msa.txt'), '--playbook', f, '--fail-on', 'none'] },
  { kind: 'rules', seeds: ls('rules/anti-distillation', /\.yaml$/).slice(0, 12), args: (f) => ['rules', 'lint', f] },
  { kind: 'profile', seeds: readdirSync(r('samples/portfolio')).filter((d) => !d.includes('.')).sort().map((d) => `samples/portfolio/${d}/vendor.yaml`), withSiblings: true, args: (f) => ['assess', '--profile', f, '--as-of', '2026-01-01', '--fail-on', 'none'] },
  { kind: 'list', seeds: [...ls('lists', /\.(csv|json)$/)], args: (f) => ['screen', 'Acme Trading Company', '--list', f, '--fail-on', 'none'] },
  { kind: 'allowlist', seeds: ['samples/portfolio/allowlist.yaml'], args: (f) => ['screen', 'Acme Trading Company', '--list', r('lists/sample-csl.csv'), '--allowlist', f, '--fail-on', 'none'] },
];

/** mulberry32: a small deterministic generator, one per input (seed and index). */
function rng(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['\u0000', '-1', '0', '999999999', '1e308', 'NaN', '{', '[', ']', '}', '"', "'", ':', '- ', '\n', '\r', '\t', '&a ', '*a', '!!binary ', '<<: *a', '<w:p>', '</w:p>', '<row>', '%PDF-1.7', 'null', '~', '\uFEFF', '../', '/', ',', ';', '\\', '%', '€', '\uD800', '1'.repeat(400), 'A'.repeat(5000)];

const MAX_INPUT = 3 * 1048576;
const pick = (rand, xs) => xs[Math.floor(rand() * xs.length)];

/** One byte-level or token-level change to `b`. */
function mutateBytes(rand, b) {
  const n = b.length;
  const at = () => Math.floor(rand() * (n + 1));
  const op = Math.floor(rand() * 9);
  switch (op) {
    case 0: {
      const c = Buffer.from(b);
      for (let k = 1 + Math.floor(rand() * 8); k > 0 && n; k--) c[Math.floor(rand() * n)] ^= 1 << Math.floor(rand() * 8);
      return c;
    }
    case 1: {
      const c = Buffer.from(b);
      const s = Math.floor(rand() * n);
      for (let k = 0, len = Math.floor(rand() * 64); k < len && s + k < n; k++) c[s + k] = Math.floor(rand() * 256);
      return c;
    }
    case 2: {
      const s = at();
      return Buffer.concat([b.subarray(0, s), b.subarray(Math.min(n, s + 1 + Math.floor(rand() * 200)))]);
    }
    case 3: {
      const s = at();
      const e = Math.min(n, s + 1 + Math.floor(rand() * 400));
      const p = at();
      return Buffer.concat([b.subarray(0, p), b.subarray(s, e).subarray(0), b.subarray(p)]);
    }
    case 4:
      return b.subarray(0, at());
    case 5: {
      const p = at();
      return Buffer.concat([b.subarray(0, p), Buffer.from(pick(rand, TOKENS)), b.subarray(p)]);
    }
    case 6: {
      // A number somewhere becomes a hostile one.
      const s = b.toString('latin1');
      const nums = [...s.matchAll(/\d+/g)];
      if (!nums.length) return b;
      const m = pick(rand, nums);
      const v = pick(rand, ['0', '-1', '3', '999999999', '4294967296', '1e308', '00000000000000000000001']);
      return Buffer.from(s.slice(0, m.index) + v + s.slice(m.index + m[0].length), 'latin1');
    }
    case 7: {
      // Deep nesting.
      const p = at();
      const d = 50 + Math.floor(rand() * 5000);
      const open = pick(rand, ['[', '{"a":', '- ', '<w:r>']);
      return Buffer.concat([b.subarray(0, p), Buffer.from(open.repeat(d)), b.subarray(p)]);
    }
    default: {
      // A line repeated many times.
      const s = b.toString('latin1');
      const lines = s.split('\n');
      const i = Math.floor(rand() * lines.length);
      const times = Math.min(1 + Math.floor(rand() * 2000), Math.floor(1_000_000 / (lines[i].length + 1)));
      lines.splice(i, 0, ...Array(times).fill(lines[i]));
      return Buffer.from(lines.join('\n'), 'latin1');
    }
  }
}

async function mutateZip(rand, b) {
  if (rand() < 0.2) return mutateBytes(rand, b);
  let zip;
  try {
    zip = await JSZip.loadAsync(b);
  } catch {
    return mutateBytes(rand, b); // an earlier round already broke the archive
  }
  const names = Object.keys(zip.files).filter((f) => !zip.files[f].dir).sort();
  const name = pick(rand, names);
  let data;
  try {
    data = Buffer.from(await zip.file(name).async('nodebuffer'));
  } catch {
    return mutateBytes(rand, b); // an entry an earlier round broke
  }
  for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) data = mutateBytes(rand, data);
  zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Write input i into its own folder; returns the file and the argv that reads it. */
export async function makeInput(i) {
  const rand = rng((seed * 1000003 + i * 7919) >>> 0);
  const kind = KINDS[i % KINDS.length];
  const src = pick(rand, kind.seeds);
  const dir = join(outDir, `${String(i).padStart(6, '0')}-${kind.kind}`);
  mkdirSync(dir, { recursive: true });
  if (kind.withSiblings) for (const f of readdirSync(dirname(r(src)))) copyFileSync(join(dirname(r(src)), f), join(dir, f));
  let bytes = readFileSync(r(src));
  let name = basename(src);
  if (kind.asJson) {
    bytes = Buffer.from(JSON.stringify(parseYaml(bytes.toString('utf8')), null, 1));
    name = name.replace(/\.ya?ml$/, '.json');
  }
  const rounds = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < rounds; k++) {
    bytes = kind.zip ? await mutateZip(rand, bytes) : mutateBytes(rand, bytes);
    // Inputs stay small enough to run many: size limits have their own tests.
    if (bytes.length > MAX_INPUT) bytes = bytes.subarray(0, MAX_INPUT);
  }
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { kind: kind.kind, dir, file, argv: kind.args(file, i) };
}

const LEAKS = /Cannot read propert|is not a function|is not iterable|Maximum call stack|Invalid array length|Invalid string length|undefined \(reading|null \(reading|^\s+at .+:\d+:\d+\)?$/m;

/** report / input-error / failure, from the exit code and what went to stderr. */
export function classify(code, stderr, stray) {
  if (stray) return { cls: 'failure', detail: `unhandled: ${stray}` };
  const lines = stderr.trim().split('\n').filter(Boolean);
  if (/internal error/.test(stderr)) return { cls: 'failure', detail: lines.find((l) => /internal error/.test(l)) };
  if (LEAKS.test(stderr)) return { cls: 'failure', detail: `leaks internals: ${lines.find((l) => LEAKS.test(l))}` };
  if (code === 0 || code === 1) return { cls: 'report' };
  if (code === 2 && lines.length && lines[lines.length - 1].startsWith('clausecheck: ')) return { cls: 'input-error', detail: lines[lines.length - 1] };
  return { cls: 'failure', detail: `exit ${code}: ${lines.slice(0, 3).join(' | ')}` };
}

const { main } = await import(join(ROOT, 'dist/cli/main.js'));
const { resetOutputs } = await import(join(ROOT, 'dist/write-file.js'));

let stray;
process.on('unhandledRejection', (e) => (stray ??= String(e?.message ?? e).split('\n')[0]));
process.on('uncaughtException', (e) => (stray ??= String(e?.message ?? e).split('\n')[0]));

const out = process.stdout.write.bind(process.stdout);
const err = process.stderr.write.bind(process.stderr);

parentPort.on('message', async (i) => {
  parentPort.postMessage({ type: 'start', i, kind: KINDS[i % KINDS.length].kind, dir: '' });
  let input;
  try {
    input = await makeInput(i);
  } catch (e) {
    parentPort.postMessage({ type: 'done', i, kind: KINDS[i % KINDS.length].kind, dir: '', cls: 'failure', detail: `the fuzzer could not make this input: ${e?.message ?? e}` });
    return;
  }
  let stderr = '';
  stray = undefined;
  resetOutputs();
  process.stdout.write = () => true;
  process.stderr.write = (chunk) => {
    stderr += String(chunk);
    return true;
  };
  let code;
  try {
    code = await main(input.argv);
    await new Promise((res) => setTimeout(res, 5));
  } catch (e) {
    stray ??= `main threw: ${String(e?.message ?? e).split('\n')[0]}`;
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const c = classify(code, stderr, stray);
  if (c.cls !== 'failure') rmSync(input.dir, { recursive: true, force: true });
  parentPort.postMessage({ type: 'done', i, kind: input.kind, dir: input.dir, ...c });
});
parentPort.postMessage({ type: 'ready' });
