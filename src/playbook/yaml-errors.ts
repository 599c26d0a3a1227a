// Turn YAML syntax errors and ajv errors into "line:col message" for a playbook file.
// Positions come from the YAML node ranges (parseDocument + LineCounter), so a message points at
// the offending key or value, never at a JSON pointer alone.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { type Document, LineCounter, type Node, isMap, isPair, isScalar, parseDocument } from 'yaml';

export interface Parsed {
  doc: Document;
  lc: LineCounter;
  data: unknown;
}

export interface Problem {
  line: number;
  col: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.line}:${p.col} ${p.message}`;
}

/** Parse YAML keeping positions; returns the first syntax problem instead of throwing. */
export function parseYaml(src: string): Parsed | Problem {
  const lc = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lc.linePos(err.pos[0]);
    return { line: pos.line, col: pos.col, message: `YAML syntax: ${err.message.split('\n')[0]} (check indentation and quoting)` };
  }
  try {
    return { doc, lc, data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    // Aliases that expand without limit (a "billion laughs" file).
    return { line: 1, col: 1, message: `YAML: ${String((err as Error).message).split('\n')[0]}` };
  }
}

export function pointerPath(pointer: string): Array<string | number> {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Line and column of the node at a JSON pointer; `atKey` points at that key of the map instead. */
export function positionOf(p: Parsed, pointer: string, atKey?: string): { line: number; col: number } {
  const path = pointerPath(pointer);
  let node = (path.length ? p.doc.getIn(path, true) : p.doc.contents) as Node | null | undefined;
  if (atKey !== undefined && node && isMap(node)) {
    const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === atKey);
    if (pair && isPair(pair) && isScalar(pair.key)) node = pair.key as Node;
  }
  if (!node?.range && path.length) {
    // A value that YAML left empty: point at its key in the parent map.
    return positionOf(p, '/' + path.slice(0, -1).join('/'), String(path[path.length - 1]));
  }
  return p.lc.linePos(node?.range?.[0] ?? 0);
}

/** "params/max-retention-days" for a JSON pointer ("the playbook" for the root). */
export function where(pointer: string): string {
  return pointer ? pointerPath(pointer).join('/') : 'the playbook';
}

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest allowed name, if it is close enough to be a typo. */
export function didYouMean(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const dd = distance(word.toLowerCase(), a.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = a;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

const RANK: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, type: 3 };

/**
 * One problem for a failed validation: the most specific error (deepest pointer, then
 * additionalProperties > required > enum > type > the rest), first in document order.
 */
export function firstAjvProblem(p: Parsed, errors: ErrorObject[]): Problem {
  const described = errors
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if')
    .map((e) => ({ e, prob: describe(p, e) }));
  if (described.length === 0) return { line: 1, col: 1, message: 'the playbook does not match the schema' };
  described.sort(
    (a, b) =>
      a.prob.line - b.prob.line ||
      a.prob.col - b.prob.col ||
      (RANK[a.e.keyword] ?? 9) - (RANK[b.e.keyword] ?? 9),
  );
  return described[0]!.prob;
}

function describe(p: Parsed, e: ErrorObject): Problem {
  const at = where(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = didYouMean(prop, allowed);
      const what = e.instancePath === '/requirements' ? `unknown requirement '${prop}'` : `unknown field '${prop}'${e.instancePath ? ` in ${at}` : ''}`;
      const hint = guess ? ` (did you mean '${guess}'?)` : e.instancePath === '/requirements' ? ' (use an AD-, DR- or EC- ID of the catalog)' : allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
      return { ...positionOf(p, e.instancePath, prop), message: what + hint };
    }
    case 'required':
      return { ...positionOf(p, e.instancePath), message: `missing field '${String(params.missingProperty)}' in ${at}` };
    case 'enum': {
      const value = JSON.stringify(pointerPath(e.instancePath).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k as string], p.data));
      const allowed = (params.allowedValues as unknown[]).join(', ');
      return { ...positionOf(p, e.instancePath), message: `invalid value ${value} for ${at} (one of: ${allowed})` };
    }
    case 'type':
    {
      const types = String(params.type).split(',').map((t) => (t === 'integer' ? 'a whole number' : t === 'null' ? 'null' : `a ${t}`));
      return { ...positionOf(p, e.instancePath), message: `${at} must be ${types.join(' or ')}` };
    }
    case 'pattern':
      return { ...positionOf(p, e.instancePath), message: `${at} has characters that are not allowed (no line breaks, quotes, braces or angle brackets)` };
    case 'minProperties':
      return { ...positionOf(p, e.instancePath), message: `${at} is empty (give a level or a severity)` };
    case 'uniqueItems':
      return { ...positionOf(p, e.instancePath), message: `${at} lists the same value twice` };
    default:
      return { ...positionOf(p, e.instancePath), message: `${at} ${e.message ?? 'is invalid'}` };
  }
}
