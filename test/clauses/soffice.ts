// LibreOffice in tests: convert a file and return the result. Each caller gets its own user
// profile, so parallel test files (and other people's tests) never fight over one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export function sofficeConvert(file: string, to: 'txt' | 'fodt', profile: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'cc-lo-out-'));
  const filter = to === 'txt' ? 'txt:Text (encoded):UTF8' : 'fodt';
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, file], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  return readFileSync(join(outDir, basename(file).replace(/\.[^.]+$/, `.${to}`)), 'utf8');
}

export function newProfile(): string {
  return mkdtempSync(join(tmpdir(), 'cc-lo-profile-'));
}

/** Convert to PDF with LibreOffice; returns the PDF's path and its page count (pdfinfo, else the page objects). */
export function sofficePdf(file: string, profile: string): { pdf: string; pages: number } {
  const outDir = mkdtempSync(join(tmpdir(), 'cc-lo-pdf-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  const pdf = join(outDir, basename(file).replace(/\.[^.]+$/, '.pdf'));
  let pages: number;
  try {
    pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  } catch {
    pages = (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  }
  return { pdf, pages };
}

/** Whether LibreOffice is installed (tests that need it are skipped otherwise). */
export function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'pipe', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
