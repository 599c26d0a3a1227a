// PDF fast path: poppler's pdftotext (Debian poppler-utils), when it is on PATH. It prints the pages
// separated by form feeds; the pages then go through the same cleaning as the pdf.js reader's
// (see pdf.ts), so both readers build the same kind of SourceDocument.
import { execFile, spawnSync } from 'node:child_process';

let available: boolean | undefined;

/** Whether `pdftotext` runs here (checked once per process). */
export function popplerAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync('pdftotext', ['-v'], { stdio: 'ignore', timeout: 10_000 });
    available = r.error === undefined;
  }
  return available;
}

/**
 * Page texts by pdftotext, 'missing' when pdftotext is not installed (the failed spawn says so:
 * no separate `pdftotext -v` process first), or undefined when it cannot read the file.
 */
export async function popplerPagesIfInstalled(path: string): Promise<string[] | 'missing' | undefined> {
  if (available === false) return 'missing';
  try {
    const pages = await popplerPages(path);
    available = true;
    return pages;
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') {
      available = false;
      return 'missing';
    }
    return undefined;
  }
}

/**
 * Page texts of a PDF file by pdftotext, or an error when it fails. `-raw` keeps the content
 * stream's order, which puts a clause label and its text on one line as pdf.js does (the default
 * mode makes hanging labels a column of their own); blank lines, which pdf.js does not print, go.
 */
export function popplerPages(path: string): Promise<string[]> {
  return new Promise((resolvePages, reject) => {
    execFile(
      'pdftotext',
      ['-q', '-raw', '-enc', 'UTF-8', '-eol', 'unix', path, '-'],
      { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 300_000 },
      (err, stdout) => {
        if (err) return reject(err);
        const pages = stdout.split('\f');
        // pdftotext ends every page with a form feed: the piece after the last one is empty.
        if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
        resolvePages(pages.map((p) => p.split('\n').filter((l) => l.trim() !== '').join('\n')));
      },
    );
  });
}
