// Contract inputs that are not plain files, text in UTF-16, and inputs nested deeper than any parser should recurse.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/index.js';
import { readText } from '../../src/ingest/text.js';
import { MAX_NESTING, nestingDepth } from '../../src/read-file.js';
import { InputError } from '../../src/types.js';
import { cli } from '../cli/helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-in-'));

async function refusal(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an input error');
}

describe('contract paths that are not regular files', () => {
  it.skipIf(!existsSync('/dev/zero'))('a link to /dev/zero named .txt is refused as a device, not "empty", without hanging', async () => {
    const f = join(tmp(), 'contract.txt');
    symlinkSync('/dev/zero', f);
    const e = await refusal(checkFiles([f]));
    expect(e.file).toBe(f);
    expect(e.message).toBe('is a character device, not a regular file; save the document to a file first');
  });

  it('a FIFO named .txt is refused, not read', async () => {
    const f = join(tmp(), 'pipe.txt');
    spawnSync('mkfifo', [f]);
    if (!existsSync(f)) return;
    const e = await refusal(checkFiles([f]));
    expect(e.message).toMatch(/^is a FIFO \(named pipe\), not a regular file/);
  });

  it('a self-referencing link is "too many levels of symbolic links", not "file not found"', async () => {
    const f = join(tmp(), 'loop.txt');
    symlinkSync(f, f);
    const e = await refusal(checkFiles([f]));
    expect(e.message).toBe('too many levels of symbolic links');
    const r = cli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`clausecheck: ${f}: too many levels of symbolic links`);
  });
});

describe('UTF-16 text with a byte-order mark', () => {
  const text = readFileSync('samples/weak-vendor-msa.txt', 'utf8');
  it('is decoded (little and big endian) and checked like the UTF-8 file', async () => {
    const d = tmp();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    writeFileSync(join(d, 'le.txt'), le);
    writeFileSync(join(d, 'be.txt'), be);
    expect(readText('x.txt', be, 'txt').text).toBe(readText('y.txt', Buffer.from(text), 'txt').text);
    const r = await checkFiles([join(d, 'le.txt'), join(d, 'be.txt'), 'samples/weak-vendor-msa.txt']);
    const statuses = r.documents.map((doc) => doc.requirements.map((q) => q.status).join());
    expect(statuses[0]).toBe(statuses[2]);
    expect(statuses[1]).toBe(statuses[2]);
  });
  it('UTF-16 without a mark is still refused as binary, in one line', () => {
    expect(() => readText('x.txt', Buffer.from('plain words', 'utf16le'), 'txt')).toThrow(/looks like a binary file/);
  });
});

describe('deep nesting', () => {
  it('nestingDepth counts brackets, YAML indentation and XML elements', () => {
    expect(nestingDepth('{"a": [1, {"b": "[[["}]}')).toBe(3);
    expect(nestingDepth('a:\n  b:\n    c: 1\n')).toBe(3);
    expect(nestingDepth('<w:body><w:p><w:r/></w:p></w:body>', true)).toBe(2);
  });

  const deepJson = '['.repeat(20000) + ']'.repeat(20000);
  let deepYaml = '';
  for (let i = 0; i < 1500; i++) deepYaml += `${' '.repeat(i)}k:\n`;
  const cases: Array<[string, string, string, (f: string) => string[]]> = [
    ['vendor profile (YAML block)', 'p.yaml', deepYaml, (f) => ['assess', '--profile', f]],
    ['vendor profile (flow)', 'p.yaml', `name: x\ncontracts: ${deepJson}\n`, (f) => ['assess', '--profile', f]],
    ['JSON screening list', 'list.json', deepJson, (f) => ['screen', 'Acme', '--list', f]],
    ['questionnaire answers (JSON)', 'answers.json', `{"answers": ${deepJson}}`, (f) => ['questionnaire', 'check', f]],
  ];
  for (const [what, name, body, args] of cases) {
    it(`${what}: "nested too deeply (limit ${MAX_NESTING})", not a stack overflow`, () => {
      const f = join(tmp(), name);
      writeFileSync(f, body);
      const r = cli(args(f));
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`clausecheck: ${f}: nested too deeply (limit ${MAX_NESTING})`);
    });
  }

  it(`DOCX with elements nested 20000 deep: "nested too deeply (limit ${MAX_NESTING})"`, async () => {
    const zip = await JSZip.loadAsync(readFileSync('samples/weak-vendor-msa.docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('<w:body>', `<w:body>${'<w:sdt>'.repeat(20000)}${'</w:sdt>'.repeat(20000)}`));
    const f = join(tmp(), 'deep.docx');
    writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer' }));
    const e = await refusal(checkFiles([f]));
    expect(e.message).toBe(`nested too deeply (limit ${MAX_NESTING})`);
  });
});

describe('a DOCX whose document.xml is malformed', () => {
  it('is refused as corrupt by the fast parser (an XML declaration repeated in the middle)', async () => {
    const zip = await JSZip.loadAsync(readFileSync('samples/weak-vendor-msa.docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const cut = xml.indexOf('<w:body>');
    zip.file('word/document.xml', `${xml.slice(0, cut + 8)}${xml.repeat(3)}${xml.slice(cut + 8)}`);
    const f = join(tmp(), 'broken.docx');
    writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer' }));
    const e = await refusal(checkFiles([f]));
    expect(e.message).toMatch(/^corrupt DOCX \(.*xml declaration/i);
  });
});

describe('YAML warnings', () => {
  it('an unknown tag in a playbook gives no library warning on stderr, only the tool\'s own lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-yamlwarn-'));
    const pb = join(dir, 'pb.yaml');
    writeFileSync(pb, 'extends: ai-buyer\nname: !oddtag my-playbook\nrequirements:\n  EC-COMPLIANCE: { level: required, !sev severity: high }\n');
    const r = cli(['check', 'samples/weak-vendor-msa.txt', '--playbook', pb, '--fail-on', 'none']);
    expect(r.stderr).not.toMatch(/YAMLWarning|TAG_RESOLVE_FAILED/);
    if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
