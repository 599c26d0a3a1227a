// Text from page images with tesseract.js and the English model of @tesseract.js-data/eng, both
// from the npm registry: the model is read from the package folder, a private temp folder is the
// cache, and nothing is fetched from the network. Loaded on the first scanned page only.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type GrayImage, toPgm } from './render.js';

export interface Recognized {
  text: string;
  /** Tesseract's mean word confidence, 0-100. */
  confidence: number;
}

type TesseractWorker = Awaited<ReturnType<typeof import('tesseract.js').createWorker>>;

/** One Tesseract worker for a document's pages; `close` ends its thread and removes the cache folder. */
export class Recognizer {
  private constructor(
    private worker: TesseractWorker,
    private cache: string,
  ) {}

  static async open(): Promise<Recognizer> {
    const require = createRequire(import.meta.url);
    // The "best_int" model: about as accurate as "best", smaller and faster.
    const langPath = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
    const cache = mkdtempSync(join(tmpdir(), 'clausecheck-ocr-'));
    const mod = (await import('tesseract.js')) as unknown as { createWorker?: typeof import('tesseract.js').createWorker; default?: { createWorker: typeof import('tesseract.js').createWorker } };
    const createWorker = mod.createWorker ?? mod.default!.createWorker;
    try {
      const worker = await createWorker('eng', 1, { langPath, gzip: true, cachePath: cache, logger: () => undefined, errorHandler: () => undefined });
      return new Recognizer(worker, cache);
    } catch (err) {
      rmSync(cache, { recursive: true, force: true });
      throw err;
    }
  }

  async recognize(image: GrayImage): Promise<Recognized> {
    const r = await this.worker.recognize(toPgm(image));
    return { text: fixCommonMisreads(r.data.text ?? ''), confidence: r.data.confidence ?? 0 };
  }

  async close(): Promise<void> {
    try {
      await this.worker.terminate();
    } finally {
      rmSync(this.cache, { recursive: true, force: true });
    }
  }
}

/**
 * Misreads that matter to the rules: in sans-serif print a capital I and a small l look alike, and
 * Tesseract reads "AI" as "Al" (a word that does not occur in contracts otherwise).
 */
export function fixCommonMisreads(text: string): string {
  return text.replace(/\bAl\b(?=[\s\-/,.;:)]|$)/g, 'AI');
}
