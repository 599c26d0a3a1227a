// Write an output file atomically: a temp file beside the target, then rename. A failed run
// never leaves a partial file behind. Special targets: a character device or a FIFO (`-o /dev/null`,
// `-o >(…)`) is written into directly, never replaced; a link is followed and its target written
// atomically (the link stays); a folder, a socket or a block device is refused.
// The CLI's last-resort guard marks a run as failed (failRun): from then on nothing is written, and
// the files this run already wrote are removed (discardOutputs).
import { randomBytes } from 'node:crypto';
import { type Stats, closeSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './types.js';

const written: string[] = [];
let failure: string | undefined;

/** Mark the run as failed: later writes are refused, so no report exists after an internal error. */
export function failRun(reason: string): void {
  failure ??= reason;
}

/** Remove the regular files this process wrote (after an internal error); devices and FIFOs are left alone. */
export function discardOutputs(): void {
  for (const f of written.splice(0)) rmSync(f, { force: true });
}

/** For tests: forget the failure and the written files. */
export function resetOutputs(): void {
  failure = undefined;
  written.length = 0;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The file a write to `path` must change: links followed (also a dangling one, to the path it names). */
function targetOf(path: string): string {
  let target = path;
  for (let hops = 0; hops < 40; hops++) {
    let l: Stats;
    try {
      l = lstatSync(target);
    } catch {
      return target;
    }
    if (!l.isSymbolicLink()) return target;
    try {
      return realpathSync(target);
    } catch {
      target = resolve(dirname(target), readlinkSync(target));
    }
  }
  throw new InputError(path, 'too many levels of symbolic links');
}

/** `data` written to a file: at once, or chunk by chunk (a large report never held whole). */
function writeData(file: string, data: string | Uint8Array | Iterable<string>, mode?: number): void {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    writeFileSync(file, data, mode !== undefined ? { mode } : undefined);
    return;
  }
  const fd = openSync(file, 'w', mode);
  try {
    for (const chunk of data) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): void {
  if (failure !== undefined) throw new Error(`not written after a failure (${failure})`);
  const target = targetOf(path);
  const st = statOrUndefined(target);
  if (st?.isDirectory()) throw new InputError(path, 'output path is a folder');
  if (st?.isSocket()) throw new InputError(path, 'output path is a socket, not a file');
  if (st?.isBlockDevice()) throw new InputError(path, 'output path is a block device, not a file');
  if (st && (st.isCharacterDevice() || st.isFIFO())) {
    // Written in place: replacing /dev/null with a file would break the system, a FIFO's reader waits.
    try {
      writeData(target, data);
    } catch (err) {
      throw new InputError(path, `cannot write output (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    return;
  }
  const dir = dirname(target);
  if (!statOrUndefined(dir)?.isDirectory()) throw new InputError(path, `output folder ${dir} does not exist`);
  const tmp = join(dir, `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeData(tmp, data, st ? st.mode & 0o777 : undefined);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new InputError(path, `cannot write output (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  written.push(target);
}
