// Write an output file atomically: a temp file beside the target, then rename. A failed run
// never leaves a partial file behind.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './types.js';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  try {
    if (statSync(path).isDirectory()) throw new InputError(path, 'output path is a folder');
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
  const dir = dirname(path);
  try {
    statSync(dir);
  } catch {
    throw new InputError(path, `output folder ${dir} does not exist`);
  }
  const tmp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new InputError(path, `cannot write output (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
