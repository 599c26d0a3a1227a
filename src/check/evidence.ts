// Evidence selection, applied once a requirement's status is decided (after the playbook): what a
// reader is shown as the reason for each status. Statuses never change here.
//
// - one piece per quote: the same span found by several rules, or proving two statuses (met by one
//   rule, partial by another), is shown once, with the status that matters most and the rules
//   that proved it (`rules`);
// - one piece per clause and status: several sentences of one clause proving the same thing give one quote
//   (the stretch of the clause from the first to the last of them, when the text is at hand and
//   they lie close together; else the strongest of them);
// - the deciding pieces (those proving the requirement's status, or the strongest proof when the
//   playbook changed the status) first, strongest first (more rules agreeing, then document order),
//   then at most two supporting pieces;
// - no quote from another topic: a quote that a different requirement of the same document claims
//   more strongly (a higher status, or the same status from more rules) is dropped here when it is
//   supporting, or deciding but weaker than this requirement's best deciding quote (fewer rules)
//   while the other requirement claims it firmly (met or conflict);
//   a requirement is never left without a deciding quote.
import type { Evidence, ProvenStatus, RequirementResult } from '../types.js';

/** Supporting quotes (proving another status than the decided one) shown at most. */
export const MAX_SUPPORTING = 2;

const RANK: Record<ProvenStatus, number> = { partial: 1, met: 2, conflict: 3 };

/** Internal: one span under one requirement, with every rule and status found there. */
interface SpanClaim {
  evidence: Evidence;
  /** Strongest status proven at this span. */
  best: ProvenStatus;
  /** Rules proving each status at this span, in first-appearance order. */
  rules: Map<ProvenStatus, string[]>;
  /** All distinct rules at this span. */
  ruleCount: number;
}

const spanKey = (e: Evidence) => `${e.start}:${e.end}`;

function claims(evidence: readonly Evidence[]): Map<string, SpanClaim> {
  const out = new Map<string, SpanClaim>();
  for (const e of evidence) {
    const key = spanKey(e);
    let c = out.get(key);
    if (!c) {
      c = { evidence: e, best: e.proves, rules: new Map(), ruleCount: 0 };
      out.set(key, c);
    }
    const list = c.rules.get(e.proves) ?? [];
    const all = new Set([...c.rules.values()].flat());
    if (!list.includes(e.rule)) list.push(e.rule);
    c.rules.set(e.proves, list);
    if (!all.has(e.rule)) c.ruleCount += 1;
    if (RANK[e.proves] > RANK[c.best]) c.best = e.proves;
  }
  return out;
}

/** How strongly a requirement claims a span: its best status, then how many rules found it. */
function strength(c: SpanClaim): [number, number] {
  return [RANK[c.best], c.ruleCount];
}
function stronger(a: [number, number], b: [number, number]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

/** A clause reference such as "8.2", "3.1(a)", "A.4.1" or "12" (not "Annex A" or "Part D", which name whole parts). */
const CLAUSE_REF = /^(?=[^ ]*\d)[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*(?:\([0-9A-Za-z]+\))*$/;

/**
 * The clause a piece belongs to: its clause reference ("8.2", "3.1(a)") when it has one (a clause
 * split over a page break is two blocks with one reference), else its block, else its own span.
 */
function clauseKey(e: Evidence): string {
  if (CLAUSE_REF.test(e.section)) return `s${e.section}`;
  if (e.block !== undefined) return `b${e.block}`;
  return `@${spanKey(e)}`;
}

/** The status a requirement's deciding evidence proves (the status itself, or its strongest proof). */
function decidingStatus(r: RequirementResult, all: SpanClaim[]): ProvenStatus | undefined {
  if (r.status !== 'missing' && all.some((c) => c.rules.has(r.status as ProvenStatus))) return r.status as ProvenStatus;
  let best: ProvenStatus | undefined;
  for (const c of all) if (!best || RANK[c.best] > RANK[best]) best = c.best;
  return best;
}

/** Pieces of one clause lying further apart than this (characters) are not joined into one quote. */
export const MAX_JOIN_GAP = 400;

interface Piece {
  ev: Evidence;
  deciding: boolean;
  off: boolean;
}

const order = (a: Piece, b: Piece) => RANK[b.ev.proves] - RANK[a.ev.proves] || b.ev.rules!.length - a.ev.rules!.length || a.ev.start - b.ev.start;

/**
 * The deciding pieces of one clause as quotes: pieces close together in the text are joined into one
 * quote of that stretch (the strongest piece's rule first); pieces far apart under one reference
 * (an unnumbered passage, a reference repeated in a schedule) stay quotes of their own. Without the
 * text, the strongest piece alone. Strongest run first.
 */
function joinClause(group: Piece[], text: string | undefined): Evidence[] {
  const best = group[0]!.ev;
  if (group.length === 1) return [best];
  if (text === undefined) return [best];
  const sorted = [...group].sort((a, b) => a.ev.start - b.ev.start);
  const runs: Piece[][] = [];
  for (const p of sorted) {
    const run = runs[runs.length - 1];
    const end = run ? Math.max(...run.map((q) => q.ev.end)) : 0;
    if (run && p.ev.start - end <= MAX_JOIN_GAP) run.push(p);
    else runs.push([p]);
  }
  const quotes = runs.map((run) => {
    const strongest = [...run].sort(order)[0]!.ev;
    if (run.length === 1) return { ev: strongest, strongest };
    const first = run[0]!.ev;
    const end = Math.max(...run.map((p) => p.ev.end));
    const rules: string[] = [...strongest.rules!];
    for (const p of run) for (const r of p.ev.rules!) if (!rules.includes(r)) rules.push(r);
    const { value: _v, ...rest } = first;
    const joined: Evidence = { ...rest, quote: text.slice(first.start, end), end, rule: strongest.rule, rules };
    // A value the rule extracted belongs to one sentence: keep it when one piece carries it.
    const withValue = run.find((p) => p.ev.value !== undefined);
    if (withValue) joined.value = withValue.ev.value;
    return { ev: joined, strongest };
  });
  // The run holding the clause's strongest piece first, the others in document order.
  quotes.sort((a, b) => (a.strongest === best ? -1 : b.strongest === best ? 1 : a.ev.start - b.ev.start));
  return quotes.map((q) => q.ev);
}

/**
 * Select the evidence of every requirement of one document (new result objects; statuses
 * unchanged). `text` is the document's extracted text (SourceDocument.text), used to quote a clause
 * whole when several of its sentences prove the same thing.
 */
export function selectEvidence(results: readonly RequirementResult[], text?: string): RequirementResult[] {
  const perReq = results.map((r) => claims(r.evidence));
  // For each span, how strongly each requirement claims it.
  const top = new Map<string, Array<{ req: number; s: [number, number] }>>();
  perReq.forEach((m, i) => {
    for (const [k, c] of m) {
      const list = top.get(k) ?? [];
      list.push({ req: i, s: strength(c) });
      top.set(k, list);
    }
  });
  const claimedElsewhere = (i: number, k: string, c: SpanClaim) => (top.get(k) ?? []).some((o) => o.req !== i && stronger(o.s, strength(c)));
  // For a deciding quote, only a firm claim (met or conflict) by another requirement counts.
  const claimedFirmlyElsewhere = (i: number, k: string, c: SpanClaim) =>
    (top.get(k) ?? []).some((o) => o.req !== i && o.s[0] >= RANK.met && stronger(o.s, strength(c)));

  return results.map((r, i) => {
    const all = [...perReq[i]!.entries()];
    if (all.length === 0) return { ...r, evidence: [] };
    const decides = decidingStatus(
      r,
      all.map(([, c]) => c),
    );
    // Each span as one piece: the deciding status when proven there, else the span's strongest.
    const pieces: Piece[] = all.map(([k, c]) => {
      const proves: ProvenStatus = decides && c.rules.has(decides) ? decides : c.best;
      const rules = c.rules.get(proves)!;
      const ev: Evidence = { ...c.evidence, proves, rule: rules[0]!, rules: [...rules] };
      const deciding = proves === decides;
      return { ev, deciding, off: deciding ? claimedFirmlyElsewhere(i, k, c) : claimedElsewhere(i, k, c) };
    });
    const deciding = pieces.filter((p) => p.deciding).sort(order);
    const mostRules = deciding[0]?.ev.rules!.length ?? 0;
    // A deciding quote another requirement claims more strongly goes when this one has a better quote.
    const kept = deciding.filter((p, n) => n === 0 || !p.off || p.ev.rules!.length >= mostRules);
    const supporting = pieces.filter((p) => !p.deciding && !p.off).sort(order);
    // Deciding pieces grouped by clause (in strength order), one quote each.
    const groups = new Map<string, Piece[]>();
    for (const p of kept) {
      const ck = clauseKey(p.ev);
      groups.set(ck, [...(groups.get(ck) ?? []), p]);
    }
    const out: Evidence[] = [...groups.values()].flatMap((g) => joinClause(g, text));
    let extra = 0;
    // Supporting pieces: one per clause and status (a clause that both meets and conflicts shows both).
    for (const p of supporting) {
      if (extra >= MAX_SUPPORTING) break;
      const ck = `${clauseKey(p.ev)}|${p.ev.proves}`;
      if (groups.has(ck)) continue;
      groups.set(ck, [p]);
      extra += 1;
      out.push(p.ev);
    }
    return { ...r, evidence: out };
  });
}
