// Map any failure to one line on stderr and an exit code; never a stack trace.
import { RuleLoadError } from '../rules/load.js';
import { currentStage, fsInputError } from '../read-file.js';
import { InputError } from '../types.js';

export const EXIT_OK = 0;
export const EXIT_GAPS = 1;
export const EXIT_ERROR = 2;

export class UsageError extends Error {}

/** --max-size in MB as bytes; anything but a number above 0 is a usage error (NaN would lift the limit). */
export function maxSizeBytes(mb: number): number {
  if (!(typeof mb === 'number' && Number.isFinite(mb) && mb > 0)) throw new UsageError('--max-size must be a number of MB above 0');
  return mb * 1048576;
}

/** One readable line: an error that quotes input (a 100 KB cell, a whole line of a file) is cut short. */
export function clip(s: string, max = 1000): string {
  const line = s.replace(/[\r\n]+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Set by --debug (or CLAUSECHECK_DEBUG=1): an internal error also prints its stack trace. */
let debug = Boolean(process.env.CLAUSECHECK_DEBUG);
export function setDebug(on: boolean): void {
  debug = on || Boolean(process.env.CLAUSECHECK_DEBUG);
}

/** An error that is not about the input: a bug or a reader that broke (pdf.js rejecting on its own). */
export function isInternal(err: unknown): boolean {
  err = fsInputError(err) ?? err;
  return !(err instanceof InputError || err instanceof RuleLoadError || err instanceof UsageError);
}

/** The one line for an internal error: where it happened, on which file, and a request to report it. */
export function internalLine(err: unknown): string {
  const raw = err instanceof Error ? err.message || err.name : String(err);
  const msg = clip(raw.split('\n')[0]!, 500);
  const where = currentStage();
  const place = where ? ` in ${where.stage}${where.file ? ` while reading ${clip(where.file, 300)}` : ''}` : '';
  return `clausecheck: internal error${place}: ${msg} — please report`;
}

/**
 * JavaScript engine messages a reader may have wrapped into an input error ("cannot read the workbook
 * (Cannot read properties of undefined (reading 'richText'))"): said in the user's terms instead.
 */
const LEAKS: Array<[RegExp, string]> = [
  [/Maximum call stack size exceeded/g, 'nested too deeply'],
  [/Invalid (?:typed )?array length(?:: \d+)?|Invalid string length|Array buffer allocation failed/g, 'a size or count in the file is out of range'],
  [/Cannot read properties of (?:undefined|null) \(reading '[^']*'\)|(?:undefined|null) is not an object/g, 'a part the format requires is missing'],
  // Starts only where a run of name characters starts: tried at every position of a long run (an input
  // value of 100,000 letters quoted in a message) the pattern took quadratic time, a minute.
  [/(?:\(intermediate value\)[\w$.()[\]]*|(?<![\w$.()[\]])[\w$.()[\]]+) is not (?:a function|iterable|a constructor)/g, 'a value has the wrong type'],
];

/** An input error's message without engine internals. */
export function userMessage(msg: string): string {
  for (const [re, plain] of LEAKS) msg = msg.replace(re, plain);
  return msg;
}

export function reportError(err: unknown): number {
  // A file-system error that escaped its stage (an unreadable input...) still names the file.
  err = fsInputError(err) ?? err;
  if (err instanceof InputError) {
    process.stderr.write(`clausecheck: ${clip(err.file, 500)}: ${clip(userMessage(err.message))}\n`);
  } else if (err instanceof RuleLoadError) {
    for (const p of err.problems) process.stderr.write(`${p.file}:${p.line}:${p.col}  ${p.code}  ${p.message}${p.hint ? `  (${p.hint})` : ''}\n`);
    process.stderr.write(`clausecheck: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in rule files\n`);
  } else if (err instanceof UsageError) {
    process.stderr.write(`clausecheck: ${clip(err.message)}\n`);
  } else {
    process.stderr.write(`${internalLine(err)}\n`);
    if (debug && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  return EXIT_ERROR;
}
