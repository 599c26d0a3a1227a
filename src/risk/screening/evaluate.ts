// Screening evaluation: a set of queries with the list entry each must find (or none), run through
// the Screener; recall = found / expected-to-find, false-positive rate = flagged / expected-clear.
// A query counts as found when the expected entry is among its hit or review matches.
import { readFileSync } from 'node:fs';
import { InputError } from '../../types.js';
import { countryCode } from '../countries.js';
import { loadLists } from './lists.js';
import { Screener, type ScreenResult } from './index.js';

export interface EvalQuery {
  expect: string | null;
  country?: string;
  query: string;
  kind: string;
  line: number;
}

export interface EvalOutcome {
  query: EvalQuery;
  result: ScreenResult;
  ok: boolean;
  /** Best score of the expected entry (positives), or best flagged score (negatives); 0 when none. */
  score: number;
}

export interface EvalSummary {
  queries: number;
  positives: number;
  negatives: number;
  found: number;
  falsePositives: number;
  recall: number;
  fpRate: number;
  threshold: number;
  outcomes: EvalOutcome[];
}

/** Read a TSV of queries: expect, country, query, kind ("#" lines are comments). */
export function readEvalQueries(file: string): EvalQuery[] {
  const out: EvalQuery[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const [expect, country, query, kind] = line.split('\t');
      if (!expect || !query) throw new InputError(`${file}:${i + 1}`, 'expected: expect<TAB>country<TAB>query<TAB>kind');
      const cc = country ? countryCode(country) : undefined;
      if (country && !cc) throw new InputError(`${file}:${i + 1}`, `unknown country "${country}"`);
      out.push({ expect: expect === '-' ? null : expect, ...(cc ? { country: cc } : {}), query, kind: kind ?? '', line: i + 1 });
    });
  return out;
}

export function evaluateScreening(listFiles: string[], queryFile: string, threshold?: number): EvalSummary {
  const screener = new Screener(loadLists(listFiles), threshold !== undefined ? { threshold } : {});
  const queries = readEvalQueries(queryFile);
  const outcomes = queries.map((q): EvalOutcome => {
    const result = screener.screen({ name: q.query, role: 'name', ...(q.country ? { country: q.country } : {}) });
    if (q.expect) {
      const m = result.matches.find((x) => x.entry.id === q.expect);
      return { query: q, result, ok: !!m, score: m?.score ?? 0 };
    }
    return { query: q, result, ok: result.matches.length === 0, score: result.matches[0]?.score ?? 0 };
  });
  const pos = outcomes.filter((o) => o.query.expect);
  const neg = outcomes.filter((o) => !o.query.expect);
  const found = pos.filter((o) => o.ok).length;
  const falsePositives = neg.filter((o) => !o.ok).length;
  return {
    queries: outcomes.length,
    positives: pos.length,
    negatives: neg.length,
    found,
    falsePositives,
    recall: pos.length ? found / pos.length : 1,
    fpRate: neg.length ? falsePositives / neg.length : 0,
    threshold: screener.threshold,
    outcomes,
  };
}
