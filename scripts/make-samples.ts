// Regenerates samples/<name>.pdf and samples/<name>.docx from samples/<name>.txt (docgen source
// format). Deterministic: running it twice gives identical bytes.
//   npx tsx scripts/make-samples.ts            write every sample
//   npx tsx scripts/make-samples.ts --check    exit 1 if a generated file is missing or out of date
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docxBytes, parseSource, pdfBytes, writeDocx, writePdf } from './lib/docgen.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = join(root, 'samples');

/** Running header per sample: the parties and the title, as a law firm's template would print it. */
const HEADERS: Record<string, string> = {
  'ai-api-services-agreement': 'Halyard Labs, Inc. / Brightwater Logistics GmbH - AI API Services Agreement - Confidential',
  'weak-vendor-msa': 'Quillmark AI Ltd. - Master Subscription Agreement (Standard Terms v4.2)',
  'data-processing-addendum': 'Meridian Speech Technologies Ltd. - Data Processing Addendum',
  'software-licence-export': 'Kestrel Vision Systems, Inc. - On-Premises Software and Model Licence - Confidential',
};

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const names = (await readdir(samplesDir))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => basename(f, '.txt'))
    .sort();
  let stale = 0;
  for (const name of names) {
    const paragraphs = parseSource(await readFile(join(samplesDir, `${name}.txt`), 'utf8'));
    const header = HEADERS[name];
    const pdfPath = join(samplesDir, `${name}.pdf`);
    const docxPath = join(samplesDir, `${name}.docx`);
    if (check) {
      for (const [path, bytes] of [
        [pdfPath, await pdfBytes(paragraphs, { header })],
        [docxPath, await docxBytes(paragraphs, { header })],
      ] as const) {
        const current = await readFile(path).catch(() => undefined);
        if (!current || Buffer.compare(current, Buffer.from(bytes)) !== 0) {
          console.error(`out of date: ${path}`);
          stale++;
        }
      }
      continue;
    }
    await writePdf(paragraphs, pdfPath, { header });
    await writeDocx(paragraphs, docxPath, { header });
    console.log(`samples/${name}: ${paragraphs.length} paragraphs -> .pdf, .docx`);
  }
  if (stale) {
    console.error(`${stale} generated sample file(s) out of date: run npx tsx scripts/make-samples.ts`);
    process.exit(1);
  }
}

await main();
