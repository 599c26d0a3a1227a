// Read an input file with a ceiling that holds whatever the file is: stat reports size 0 for pipes
// and devices, so a size check before readFileSync lets /dev/zero (or a link to it) hang the run.
// Here at most `maxBytes` + 1 bytes are ever read; more is an InputError naming the file.
import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from './types.js';

const CHUNK = 1 << 20;

/** The bytes of `file`, or an InputError when it holds more than `maxBytes`. Open/read errors (ENOENT, EISDIR...) are thrown as they are. */
export function readBounded(file: string, maxBytes: number, what: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new InputError(file, `${what} is larger than ${formatMb(maxBytes)} MB`);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function formatMb(bytes: number): string {
  const mb = bytes / 1048576;
  return mb >= 1 ? String(Math.round(mb)) : String(Number(mb.toPrecision(2)));
}

const FS_MESSAGES: Record<string, string> = {
  EACCES: 'cannot read: permission denied',
  EPERM: 'cannot read: operation not permitted',
  ENOENT: 'not found',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
};

/** A file-system error (it names a path) as the one-line InputError the CLI reports; undefined for other errors. */
export function fsInputError(err: unknown): InputError | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || typeof e.path !== 'string') return undefined;
  return new InputError(e.path, FS_MESSAGES[e.code] ?? `cannot read (${e.code})`);
}

/** What the run is doing (for the CLI's last-resort error line): a stage and the file it reads. */
let stage: { stage: string; file?: string } | undefined;

/** Note the stage and file in work, so an internal error can say "in the PDF reader while reading x.pdf". */
export function enterStage(name: string, file?: string): void {
  stage = { stage: name, file };
}

export function currentStage(): { stage: string; file?: string } | undefined {
  return stage;
}
