// Finds text in the repository that was copied from the third-party documents of ../shared/devset:
// any run of 8 consecutive words shared with a devset document. Used by test/provenance and by hand:
//   npx tsx scripts/copied-text.ts            # lists every copied run (file:line and the words)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const RUN = 8;
export const DEVSET = join(import.meta.dirname, '..', '..', 'shared', 'devset', 'docs');

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every RUN-word sequence of the devset documents, words joined by one space. */
export function devsetRuns(dir = DEVSET): Set<string> {
  if (!existsSync(dir)) throw new Error(`${dir} not found: the devset must sit beside the repository`);
  const runs = new Set<string>();
  for (const f of readdirSync(dir)) {
    const w = words(readFileSync(join(dir, f), 'utf8').replace(/^Source:[^\n]*\n/, ''));
    for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
  }
  return runs;
}

export interface Copied {
  file: string;
  line: number;
  words: string;
}

/** Text files git tracks (the repository's own writing, generated reports included). */
export function trackedTextFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out
    .split('\0')
    .filter(Boolean)
    .filter((f) => /\.(ya?ml|md|txt|ts|js|json|hbs|csv|html)$/i.test(f) && f !== 'package-lock.json');
}

/** The copied runs of one file, one per line at most (the first run on it). */
export function copiedIn(file: string, text: string, runs: Set<string>): Copied[] {
  const found: Copied[] = [];
  const lines = text.split('\n');
  // Runs may cross line breaks (wrapped YAML), so scan the whole text and map back to a line.
  const re = /[\p{L}\p{N}]+/gu;
  const toks: Array<{ w: string; at: number }> = [];
  for (const m of text.matchAll(re)) toks.push({ w: m[0].toLowerCase(), at: m.index });
  let lastLine = -1;
  for (let i = 0; i + RUN <= toks.length; i++) {
    const run = toks.slice(i, i + RUN).map((t) => t.w).join(' ');
    if (!runs.has(run)) continue;
    const line = text.slice(0, toks[i]!.at).split('\n').length;
    if (line === lastLine) continue;
    lastLine = line;
    found.push({ file, line, words: run });
  }
  void lines;
  return found;
}

export function findCopied(root: string, runs = devsetRuns()): Copied[] {
  return trackedTextFiles(root).flatMap((f) => copiedIn(f, readFileSync(join(root, f), 'utf8'), runs));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const found = findCopied(join(import.meta.dirname, '..'));
  for (const c of found) console.log(`${c.file}:${c.line}  ${c.words}`);
  console.log(`${found.length} copied run(s) of ${RUN} words`);
  process.exitCode = found.length ? 1 : 0;
}
