// The PDF fast path and the build-time artifacts give the same results as the slow paths.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, checkSource, compiledRulesFor } from '../../src/check/index.js';
import { readArtifact, writeArtifact } from '../../src/engine/artifact.js';
import { compileRules } from '../../src/engine/compile.js';
import { runRules } from '../../src/engine/run.js';
import { ingest } from '../../src/ingest/index.js';
import { popplerAvailable } from '../../src/ingest/pdf-poppler.js';
import { sourceFromText } from '../../src/ingest/source.js';
import { loadRules } from '../../src/rules/load.js';
import { segment } from '../../src/segment/index.js';
import { writePrecompiled } from '../../src/templates.js';
import { generateLongContract, writePdf } from '../../scripts/lib/docgen.js';

const dir = mkdtempSync(join(tmpdir(), 'clausecheck-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// CI installs poppler-utils so that this runs there; a developer machine without it skips it.
describe.skipIf(!popplerAvailable() && !process.env.CI)('PDF readers: pdftotext and pdf.js', () => {
  it('give the same statuses and evidence pages on the sample PDFs and generated print-style PDFs', async () => {
    const pdfs = readdirSync('samples').filter((f) => f.endsWith('.pdf')).map((f) => join('samples', f));
    pdfs.push('test/fixtures/pdf/three-pages.pdf');
    for (const [i, pages] of [3, 12].entries()) {
      const p = join(dir, `generated-${pages}.pdf`);
      await writePdf(generateLongContract(pages, 40 + i), p, { header: `Example Provider Ltd. - Services Agreement ${i + 1} - Confidential` });
      pdfs.push(p);
    }
    const compiled = compiledRulesFor();
    const summary = (doc: ReturnType<typeof checkSource>) => doc.requirements.map((r) => [r.id, r.status, r.evidence.map((e) => `${e.rule}@p${e.page}`)]);
    for (const pdf of pdfs) {
      const viaPoppler = await ingest(pdf, { pdfReader: 'poppler' });
      const viaPdfjs = await ingest(pdf, { pdfReader: 'pdfjs' });
      expect(viaPoppler.pageStarts.length, pdf).toBe(viaPdfjs.pageStarts.length);
      expect(summary(checkSource(viaPoppler, compiled)), pdf).toEqual(summary(checkSource(viaPdfjs, compiled)));
    }
  }, 300_000);
});

describe('PDF reader without pdftotext on PATH', () => {
  // The built CLI with a PATH that holds no pdftotext: the failed spawn itself tells it is missing.
  const run = (reader: string) =>
    spawnSync(process.execPath, ['bin/clausecheck.js', 'check', 'samples/weak-vendor-msa.pdf', '--pdf-reader', reader, '--format', 'json', '--fail-on', 'none'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: join(dir, 'no-such-bin') },
    });
  it('--pdf-reader poppler names the missing tool (exit 2); auto reads the file with pdf.js', () => {
    const poppler = run('poppler');
    expect(poppler.status).toBe(2);
    expect(poppler.stderr).toMatch(/weak-vendor-msa\.pdf: --pdf-reader poppler: pdftotext is not installed/);
    const auto = run('auto');
    expect(auto.status, auto.stderr).toBe(0);
    expect(JSON.parse(auto.stdout).documents[0].requirements.length).toBeGreaterThan(20);
  });
});

describe('rules artifact', () => {
  it('revives rules that find exactly what freshly compiled rules find, and is refused once the packs change', () => {
    const fresh = compileRules(loadRules(DEFAULT_RULES_DIR));
    const file = join(dir, 'rules.compiled.json');
    writeArtifact(fresh, DEFAULT_RULES_DIR, file);
    const revived = readArtifact(DEFAULT_RULES_DIR, file);
    expect(revived).toBeDefined();
    expect(revived!.rules.map((r) => r.def.id)).toEqual(fresh.rules.map((r) => r.def.id));
    // Definitions whole, fields in their order (the artifact parses match and tests on first read).
    expect(revived!.rules.map((r) => Object.keys(r.def))).toEqual(fresh.rules.map((r) => Object.keys(r.def)));
    expect(revived!.rules.map((r) => r.def)).toEqual(fresh.rules.map((r) => r.def));
    for (const f of readdirSync('test/corpus/docs').slice(0, 12)) {
      const text = readFileSync(join('test/corpus/docs', f), 'utf8');
      const seg = segment(sourceFromText(f, 'txt', text, Buffer.from(text)));
      expect(runRules(seg, revived!), f).toEqual(runRules(seg, fresh));
    }
    // Another rules folder (here: one pack of the shipped ones) does not match the artifact.
    const other = join(DEFAULT_RULES_DIR, readdirSync(DEFAULT_RULES_DIR).find((n) => !n.endsWith('.yaml'))!);
    expect(readArtifact(other, file)).toBeUndefined();
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(readArtifact(DEFAULT_RULES_DIR, join(dir, 'broken.json'))).toBeUndefined();
  }, 120_000);
});

describe('rules artifact freshness', () => {
  it('is used while the files are unchanged, after a touch that keeps their contents, and refused after an edit of the same size', () => {
    const rules = join(dir, 'rules-copy');
    cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
    const file = join(dir, 'copy.compiled.json');
    writeArtifact(compileRules(loadRules(rules)), rules, file);
    expect(readArtifact(rules, file)).toBeDefined();
    const pack = readdirSync(rules).find((n) => statSync(join(rules, n)).isDirectory())!;
    const victim = join(rules, pack, readdirSync(join(rules, pack)).find((n) => n.endsWith('.yaml'))!);
    // Same contents, new time: the sizes and times differ, the contents' hash decides (unchanged).
    utimesSync(victim, new Date(), new Date(Date.now() + 5000));
    expect(readArtifact(rules, file)).toBeDefined();
    // One letter changed (same size), new time: refused.
    const text = readFileSync(victim, 'utf8');
    const at = text.indexOf('title:') + 'title:'.length + 2;
    writeFileSync(victim, text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1));
    expect(statSync(victim).size).toBe(Buffer.byteLength(text));
    utimesSync(victim, new Date(), new Date(Date.now() + 10000));
    expect(readArtifact(rules, file)).toBeUndefined();
  }, 120_000);
});

describe('precompiled templates', () => {
  it('render what the same template compiled at run time renders', () => {
    const file = join(dir, 'templates.cjs');
    const source = 'Dear {{name}},{{#each items}} [{{this}}]{{/each}} {{shout name}}';
    writePrecompiled(file, [{ source, opts: { strict: true, noEscape: true } }]);
    const specs = createRequire(import.meta.url)(file) as Record<string, unknown>;
    expect(Object.keys(specs)).toHaveLength(1);
    const make = () => {
      const env = Handlebars.create();
      env.registerHelper('shout', (s: string) => s.toUpperCase());
      return env;
    };
    const data = { name: 'Ada & <Co>', items: ['a', 'b'] };
    const pre = make().template(Object.values(specs)[0] as Parameters<typeof Handlebars.template>[0]);
    expect(pre(data)).toBe(make().compile(source, { strict: true, noEscape: true })(data));
    expect(() => pre({ items: [] })).toThrow(); // strict: a missing field throws
  });
});
