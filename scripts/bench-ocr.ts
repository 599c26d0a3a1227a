// The OCR row of `npm run bench` (also runs alone: `npx tsx scripts/bench-ocr.ts`): a sample
// contract rendered to page images and rebuilt as an image-only PDF, checked by the built CLI with
// OCR; prints seconds per page (CPU and wall) and Tesseract's mean confidence. A benchmark, never a test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scannedTwin } from '../test/robust/scan-pdf.js';

export interface OcrBench {
  pages: number;
  cpuPerPage: number;
  wallPerPage: number;
  rssMB: number;
  meanConfidence: number;
}

export async function benchOcr(sample = 'samples/ai-api-services-agreement.pdf'): Promise<OcrBench> {
  const dir = mkdtempSync(join(tmpdir(), 'clausecheck-bench-ocr-'));
  try {
    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, await scannedTwin(readFileSync(sample)));
    const report = join(dir, 'report.json');
    const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %U %S %e %M', process.execPath, 'bin/clausecheck.js', 'check', scan, '-f', 'json', '--fail-on', 'none', '-o', report], { encoding: 'utf8' });
    const line = r.stderr.trim().split('\n').reverse().find((l) => l.startsWith('BENCH '));
    if (r.status !== 0 || !line) throw new Error(`bench-ocr: check failed: ${r.stderr.slice(0, 500)}`);
    const [, u, s, e, m] = line.split(' ');
    const doc = (JSON.parse(readFileSync(report, 'utf8')) as { documents: Array<{ pages: number; ocr?: { pages: number[]; meanConfidence: number } }> }).documents[0]!;
    const pages = doc.ocr?.pages.length ?? 0;
    if (!pages) throw new Error('bench-ocr: no page was read by OCR');
    return { pages, cpuPerPage: (Number(u) + Number(s)) / pages, wallPerPage: Number(e) / pages, rssMB: Number(m) / 1024, meanConfidence: doc.ocr!.meanConfidence };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printOcrBench(b: OcrBench): void {
  console.log(`   ${b.pages} scanned pages (150 dpi): ${b.cpuPerPage.toFixed(2)} s cpu and ${b.wallPerPage.toFixed(2)} s wall per page (start-up included), ${b.rssMB.toFixed(0)} MB peak, mean confidence ${b.meanConfidence}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('OCR: an image-only twin of samples/ai-api-services-agreement.pdf, one run');
  printOcrBench(await benchOcr());
}
