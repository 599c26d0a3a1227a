// Per requirement: the strongest status wins (conflict > met > partial > missing); a carve-out
// downgrades met to partial. All evidence is kept, sorted by position.
import { REQUIREMENTS } from '../catalog.js';
import type { Evidence, Finding, Status } from '../types.js';

export interface RequirementStatus {
  id: string;
  status: Status;
  evidence: Evidence[];
  /** Why the status is what it is when a carve-out applied. */
  notes: string[];
}

const RANK: Record<Status, number> = { missing: 0, partial: 1, met: 2, conflict: 3 };

export function strongest(a: Status, b: Status): Status {
  return RANK[a] >= RANK[b] ? a : b;
}

export function aggregate(findings: Finding[]): RequirementStatus[] {
  const byReq = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byReq.get(f.requirement) ?? [];
    list.push(f);
    byReq.set(f.requirement, list);
  }
  return REQUIREMENTS.map((req) => {
    const notes: string[] = [];
    // "We may use your conversations to train our models. You can turn this off." - a softening
    // finding in the same clause turns that clause's conflict into partial.
    const list = (byReq.get(req.id) ?? []).map((f) => {
      if (f.proves !== 'conflict') return f;
      const soft = (byReq.get(req.id) ?? []).find((g) => g.softens && g.block !== undefined && g.block === f.block);
      if (!soft) return f;
      notes.push(`conflict in ${f.section ? `§${f.section}` : `page ${f.page}`} softened to partial by ${soft.rule} in the same clause`);
      return { ...f, proves: 'partial' as const };
    });
    let status: Status = 'missing';
    for (const f of list) status = strongest(status, f.proves);
    const carve = list.find((f) => f.carveOut);
    if (status === 'met' && carve) {
      status = 'partial';
      notes.push(`carve-out in ${carve.section ? `§${carve.section}` : `page ${carve.page}`} (${carve.rule}) downgrades met to partial`);
    }
    // One piece of evidence per (rule, span); strongest first, then document order.
    const seen = new Set<string>();
    const evidence: Evidence[] = [];
    for (const f of [...list].sort((a, b) => RANK[b.proves] - RANK[a.proves] || a.start - b.start)) {
      const k = `${f.rule}@${f.start}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const { requirement: _r, carveOut: _c, softens: _s, ...ev } = f;
      evidence.push(ev);
    }
    return { id: req.id, status, evidence, notes };
  });
}
