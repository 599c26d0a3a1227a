// Two drafts of a contract compared: per requirement the old and new status, the cited clauses'
// text changes word by word, and a verdict (better / worse / same) for each and for the whole.
import type { DocumentReport, RequirementResult, Severity, Status } from '../types.js';

export type Verdict = 'better' | 'worse' | 'same';

export interface WordChange {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface RequirementDiff {
  id: string;
  title: string;
  old: { status: Status; severity: Severity };
  new: { status: Status; severity: Severity };
  verdict: Verdict;
  /** The cited text changed (quotes compared word by word). */
  textChanged: boolean;
  /** Word-level changes from the old cited text to the new; empty when neither cites anything. */
  words: WordChange[];
}

export interface DraftDiff {
  kind: 'draft-diff';
  old: { path: string; sha256: string };
  new: { path: string; sha256: string };
  verdict: Verdict;
  counts: Record<Verdict, number>;
  requirements: RequirementDiff[];
}

/** How good a status is for the customer: conflict < missing < partial < met. */
const GOOD: Record<Status, number> = { conflict: 0, missing: 1, partial: 2, met: 3 };
const WEIGHT: Record<Severity, number> = { none: 1, low: 1, medium: 2, high: 3, critical: 4 };

/** The cited text of a requirement: its distinct quotes in document order. */
export function citedText(r: RequirementResult): string {
  const seen = new Set<string>();
  const quotes: string[] = [];
  for (const e of [...r.evidence].sort((a, b) => a.start - b.start)) {
    const q = e.quote.replace(/\s+/g, ' ').trim();
    if (!seen.has(q)) {
      seen.add(q);
      quotes.push(q);
    }
  }
  return quotes.join(' … ');
}

/** Above this many cells the word diff gives the old text as removed and the new as added. */
const MAX_CELLS = 4_000_000;

/** Word-by-word changes from `a` to `b` (longest common subsequence of words). */
export function wordDiff(a: string, b: string): WordChange[] {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  const out: WordChange[] = [];
  const push = (op: WordChange['op'], w: string) => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += ` ${w}`;
    else out.push({ op, text: w });
  };
  if (x.length * y.length > MAX_CELLS) {
    for (const w of x) push('removed', w);
    for (const w of y) push('added', w);
    return out;
  }
  // lcs[i][j]: length of the LCS of x[i..] and y[j..], in one flat array.
  const w = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * w);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      push('same', x[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) push('removed', x[i++]!);
    else push('added', y[j++]!);
  }
  while (i < x.length) push('removed', x[i++]!);
  while (j < y.length) push('added', y[j++]!);
  return out;
}

function verdictOf(from: Status, to: Status): Verdict {
  return GOOD[to] > GOOD[from] ? 'better' : GOOD[to] < GOOD[from] ? 'worse' : 'same';
}

/**
 * Compare two documents' results. The overall verdict weighs each requirement that moved by its
 * severity (the higher of old and new): one critical requirement getting worse outweighs a low one
 * getting better.
 */
export function diffDocuments(oldDoc: DocumentReport, newDoc: DocumentReport): DraftDiff {
  const byId = new Map(newDoc.requirements.map((r) => [r.id, r]));
  const requirements: RequirementDiff[] = [];
  const counts: Record<Verdict, number> = { better: 0, worse: 0, same: 0 };
  let balance = 0;
  for (const o of oldDoc.requirements) {
    const n = byId.get(o.id);
    if (!n) continue;
    const verdict = verdictOf(o.status, n.status);
    counts[verdict]++;
    const weight = Math.max(WEIGHT[o.severity] ?? 1, WEIGHT[n.severity] ?? 1);
    if (verdict === 'better') balance += weight;
    if (verdict === 'worse') balance -= weight;
    const a = citedText(o);
    const b = citedText(n);
    requirements.push({
      id: o.id,
      title: o.title,
      old: { status: o.status, severity: o.severity },
      new: { status: n.status, severity: n.severity },
      verdict,
      textChanged: a !== b,
      words: a === '' && b === '' ? [] : wordDiff(a, b),
    });
  }
  return {
    kind: 'draft-diff',
    old: { path: oldDoc.path, sha256: oldDoc.sha256 },
    new: { path: newDoc.path, sha256: newDoc.sha256 },
    verdict: balance > 0 ? 'better' : balance < 0 ? 'worse' : 'same',
    counts,
    requirements,
  };
}
