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
