// Map any failure to one line on stderr and an exit code; never a stack trace.
import { RuleLoadError } from '../rules/load.js';
import { fsInputError } from '../read-file.js';
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

export function reportError(err: unknown): number {
  // A file-system error that escaped its stage (an unreadable input...) still names the file.
  err = fsInputError(err) ?? err;
  if (err instanceof InputError) {
    process.stderr.write(`clausecheck: ${clip(err.file, 500)}: ${clip(err.message)}\n`);
  } else if (err instanceof RuleLoadError) {
    for (const p of err.problems) process.stderr.write(`${p.file}:${p.line}:${p.col}  ${p.code}  ${p.message}${p.hint ? `  (${p.hint})` : ''}\n`);
    process.stderr.write(`clausecheck: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in rule files\n`);
  } else if (err instanceof UsageError) {
    process.stderr.write(`clausecheck: ${clip(err.message)}\n`);
  } else {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`clausecheck: internal error: ${clip(msg.split('\n')[0]!)}\n`);
    if (process.env.CLAUSECHECK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  return EXIT_ERROR;
}
