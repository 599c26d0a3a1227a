// A DOCX whose relationship part is malformed (markup inside an attribute, a million characters of
// it) made mammoth run for minutes; it is refused in one line before mammoth reads it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

async function withRels(mutate: (rels: string) => string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync('samples/data-processing-addendum.docx'));
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  zip.file('word/_rels/document.xml.rels', mutate(rels));
  const f = join(mkdtempSync(join(tmpdir(), 'cc-docx-')), 'contract.docx');
  writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return f;
}

describe('DOCX parts mammoth reads', () => {
  it('refuses a relationship target stuffed with markup, naming the part', async () => {
    const f = await withRels((r) => r.replace('Target="numbering.xml"', `Target="numbering${'<w:r>'.repeat(200_000)}.xml"`));
    await expect(ingest(f)).rejects.toThrow(/corrupt DOCX \(word\/_rels\/document\.xml\.rels: .*'<'/);
  });

  it('still reads the sample when its parts are intact', async () => {
    const f = await withRels((r) => r);
    const doc = await ingest(f);
    expect(doc.text.length).toBeGreaterThan(1000);
  });
});
