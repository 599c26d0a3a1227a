// Read an input file with a ceiling that holds whatever the file is: stat reports size 0 for pipes
// and devices, so a size check before readFileSync lets /dev/zero (or a link to it) hang the run.
// Here at most `maxBytes` + 1 bytes are ever read; more is an InputError naming the file.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
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
  ELOOP: 'too many levels of symbolic links',
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

/** What a file-system entry is, for messages: "a FIFO", "a character device"... */
function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The stat of `path` when it is a regular file, else an InputError: missing ("file not found"), a
 * link loop ("too many levels of symbolic links"), a folder, a FIFO or a device (stat says 0 bytes for
 * those, which is neither "empty" nor safe to read to the end).
 */
export function regularFileStat(path: string): import('node:fs').Stats {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(path, 'file not found');
    throw new InputError(path, (code && FS_MESSAGES[code]) ?? `cannot read (${code ?? String(err)})`);
  }
  if (st.isFile()) return st;
  if (st.isDirectory()) throw new InputError(path, 'is a folder, not a file');
  throw new InputError(path, `is ${kindOf(st)}, not a regular file; save the document to a file first`);
}

/** regularFileStat's refusal as a value: undefined when `path` is a regular file. */
export function inputFileProblem(path: string): InputError | undefined {
  try {
    regularFileStat(path);
    return undefined;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
}

/** Deepest nesting accepted in JSON, YAML and XML inputs; deeper is refused before any parser recurses. */
export const MAX_NESTING = 200;

/**
 * How deeply `text` nests: brackets and braces outside quoted strings (JSON, YAML flow style), block
 * indentation levels (YAML), or elements (XML, with `xml` set). Stops counting past `limit`.
 */
export function nestingDepth(text: string, xml = false, limit = MAX_NESTING): number {
  let depth = 0;
  let max = 0;
  if (xml) {
    const re = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[1]) depth--;
      else if (!m[3]) {
        depth++;
        if (depth > max) max = depth;
        if (max > limit) return max;
      }
    }
    return max;
  }
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote opens a string only where a value starts (not inside a plain word like don't).
      const prev = text[i - 1];
      if (prev === undefined || /[\s,:\[{\-]/.test(prev)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  // Block indentation: each deeper indent than the line before opens a level.
  const stack: number[] = [];
  for (const line of text.split('\n')) {
    const m = /^( *)(- +)*(?=\S)/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const indent = m[0].length;
    while (stack.length && stack[stack.length - 1]! >= indent) stack.pop();
    stack.push(indent);
    const levels = stack.length + (m[0].match(/-/g)?.length ?? 0);
    if (levels > max) max = levels;
    if (max > limit) return max;
  }
  return max;
}

/** Throw "nested too deeply (limit N)" for `file` when its text nests deeper than MAX_NESTING. */
export function assertNesting(file: string, text: string, xml = false): void {
  if (nestingDepth(text, xml) > MAX_NESTING) throw new InputError(file, `nested too deeply (limit ${MAX_NESTING})`);
}
