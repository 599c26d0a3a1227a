// Self-contained HTML for a vendor assessment and a portfolio (templates/risk/*.hbs): inline CSS
// and inline SVG, no script, a CSP that allows inline styles only. The SVG geometry is computed
// here as numbers; every text goes through Handlebars' escaping; class names come from fixed lists.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { RiskAssessment } from '../risk/assess.js';
import { ALL_FACTOR_IDS, FACTOR_TITLES, TIERS, type Tier } from '../risk/defaults.js';
import type { PortfolioReport } from '../risk/portfolio.js';

const TEMPLATE_DIR = new URL('../../templates/risk/', import.meta.url);
const cache = new Map<string, Handlebars.TemplateDelegate>();

function template(file: string): Handlebars.TemplateDelegate {
  let t = cache.get(file);
  if (!t) {
    const env = Handlebars.create();
    t = env.compile(readFileSync(new URL(file, TEMPLATE_DIR), 'utf8'), { strict: true });
    cache.set(file, t);
  }
  return t;
}

const r1 = (x: number): string => x.toFixed(1);
const r2 = (x: number): string => x.toFixed(2);
/** SVG coordinates: two decimals at most, no float noise. */
const c = (x: number): number => Math.round(x * 100) / 100;

function tierClass(t: string): string {
  return (TIERS as readonly string[]).includes(t) ? t : 'unknown';
}

/** The tier band a 0-100 risk falls in, with the same thresholds as the overall score. */
function band(risk: number | null, tiers: { medium: number; high: number; critical: number }): string {
  if (risk === null) return 'na';
  if (risk >= tiers.critical) return 'critical';
  if (risk >= tiers.high) return 'high';
  if (risk >= tiers.medium) return 'medium';
  return 'low';
}

export function renderAssessmentHtml(a: RiskAssessment): string {
  const rows = a.factors;
  const maxContribution = Math.max(1, ...rows.map((f) => f.contribution));
  const barH = 18;
  const labelW = 150;
  const chartW = 420;
  const chart = {
    width: labelW + chartW + 60,
    height: rows.length * (barH + 6) + 10,
    bars: rows.map((f, i) => ({
      id: f.id,
      y: 5 + i * (barH + 6),
      textY: 5 + i * (barH + 6) + barH - 5,
      labelX: labelW - 8,
      x: labelW,
      width: f.assessed ? c(Math.max(0, (f.contribution / maxContribution) * chartW)) : 0,
      valueX: c(labelW + (f.assessed ? (f.contribution / maxContribution) * chartW : 0) + 6),
      value: f.assessed ? r2(f.contribution) : 'n/a',
      band: band(f.assessed ? f.risk : null, a.config.tiers),
      h: barH,
      title: `${f.id}: risk ${r1(f.risk)} × share ${(f.share * 100).toFixed(1)}% = ${r2(f.contribution)} points`,
    })),
  };
  const view = {
    vendor: a.vendor,
    asOf: a.asOf,
    playbook: a.playbook ?? 'none',
    config: a.config,
    score: r1(a.score),
    tier: a.tier,
    tierClass: tierClass(a.tier),
    scoreTier: a.scoreTier,
    raisedByFloor: a.tier !== a.scoreTier,
    totalWeight: a.totalWeight,
    chart,
    factors: rows.map((f) => ({
      id: f.id,
      title: f.title,
      assessed: f.assessed,
      unknown: f.unknown,
      risk: f.assessed ? r1(f.risk) : '—',
      band: band(f.assessed ? f.risk : null, a.config.tiers),
      weight: f.weight,
      share: f.assessed ? `${(f.share * 100).toFixed(1)}%` : '—',
      contribution: f.assessed ? r2(f.contribution) : '—',
      method: f.method,
      basis: f.basis,
      evidence: f.evidence.map((e) => ({
        source: e.source,
        text: e.text,
        points: e.points !== undefined ? r2(e.points) : '',
        decisive: e.decisive === true,
        hasQuote: !!e.quote,
        quote: e.quote ?? '',
        where: e.document ? `${e.document}${e.section ? ` §${e.section}` : ''}` : '',
      })),
    })),
    hasFloors: a.floors.length > 0,
    floors: a.floors.map((f) => ({ id: f.id, tier: f.tier, tierClass: tierClass(f.tier), raised: f.raised, reason: f.reason })),
    hasScreening: a.screening !== null,
    screening: a.screening
      ? {
          threshold: r2(a.screening.threshold),
          lists: a.screening.lists.map((l) => ({ name: l.name, format: l.format, entries: l.entries, date: l.date, dateSource: l.dateSource, sha256: l.sha256 })),
          allowlist: a.screening.allowlist ? [a.screening.allowlist] : [],
          results: a.screening.results.map((r) => ({
            role: r.subject.role,
            name: r.subject.name,
            country: r.subject.country ?? '',
            decision: r.decision,
            decisionClass: ['hit', 'review', 'cleared', 'clear'].includes(r.decision) ? r.decision : 'clear',
            matches: r.matches.map((m) => ({
              decision: m.decision,
              score: r2(m.score),
              listedName: m.listedName,
              entryName: m.entry.name,
              source: m.entry.source,
              list: m.entry.list,
              id: m.entry.id,
              countries: m.entry.countries.join(', '),
              reasons: m.reasons.map((x) => ({ feature: x.feature, detail: x.detail, effect: x.effect !== undefined && x.effect !== 0 ? `${x.effect > 0 ? '+' : ''}${r2(x.effect)}` : '' })),
              note: m.clearance ? `${m.clearance.reviewer}${m.clearance.date ? `, ${m.clearance.date}` : ''}: ${m.clearance.note}` : '',
            })),
          })),
        }
      : { threshold: '', lists: [], allowlist: [], results: [] },
    contracts: a.contracts,
    hasContracts: a.contracts.length > 0,
    questionnaire: a.questionnaire ? a.questionnaire.path : '',
    tool: a.tool,
  };
  return template('assessment.html.hbs')(view);
}

/**
 * Width in pixels of a label in the SVG's 11px system-ui font, estimated generously per character
 * class (wide capitals, narrow i/l/punctuation), so a label sized by it never runs past its room.
 */
export function labelWidth(s: string, px = 11): number {
  let w = 0;
  for (const ch of s) {
    if (/[MW@%]/.test(ch)) w += 0.95;
    else if (/[A-Z&]/.test(ch)) w += 0.74;
    else if (/[mw]/.test(ch)) w += 0.9;
    else if (/[ijlI.,:;'|!()\[\] ]/.test(ch)) w += 0.34;
    else if (/[ftr-]/.test(ch)) w += 0.45;
    else if (/[0-9]/.test(ch)) w += 0.62;
    else if (/[a-z]/.test(ch)) w += 0.6;
    else w += 1.0; // anything else (wide scripts, symbols): a full em
  }
  return Math.ceil(w * px);
}

/** The label cut with an ellipsis to fit `max` pixels (the full text goes in a <title>). */
export function fitLabel(s: string, max: number, px = 11): string {
  if (labelWidth(s, px) <= max) return s;
  const chars = Array.from(s);
  while (chars.length > 0 && labelWidth(chars.join('').trimEnd() + '…', px) > max) chars.pop();
  return chars.join('').trimEnd() + '…';
}

/** Longest vendor name drawn under the domain chart, in pixels (longer names end in an ellipsis). */
export const CHART_LABEL_MAX = 170;
const SIN40 = Math.sin((40 * Math.PI) / 180);
const COS40 = Math.cos((40 * Math.PI) / 180);
const SIN45 = Math.SQRT1_2;

/** Most vendors drawn in the domain chart (the heat map and the table show them all). */
export const CHART_MAX_VENDORS = 40;

export function renderPortfolioHtml(p: PortfolioReport): string {
  const tiers = p.config.tiers;
  // Grouped bars: per vendor, AD, DR, EC and the overall score, 0-100.
  const shown = p.vendors.slice(0, CHART_MAX_VENDORS);
  const series = [
    { key: 'AD', cls: 's-ad', label: 'AD' },
    { key: 'DR', cls: 's-dr', label: 'DR' },
    { key: 'EC', cls: 's-ec', label: 'EC' },
    { key: 'score', cls: 's-score', label: 'overall' },
  ] as const;
  const bw = 9;
  const groupW = series.length * bw + 14;
  const plotH = 180;
  const left = 36;
  const top = 12;
  // Vendor names hang below the plot, rotated 40°: the chart grows to hold the longest one.
  const labels = shown.map((v) => fitLabel(v.name, CHART_LABEL_MAX));
  const longest = Math.max(0, ...labels.map((l) => labelWidth(l)));
  const labelDrop = Math.ceil(longest * SIN40 + 11 * COS40) + 14;
  const lastLabelX = left + Math.max(0, shown.length - 1) * groupW + 7 + (series.length * bw) / 2;
  const chart = {
    width: Math.ceil(Math.max(left + Math.max(1, shown.length) * groupW + 10, lastLabelX + longest * COS40 + 12, left + series.length * 90)),
    height: top + plotH + labelDrop + 30,
    plotBottom: top + plotH,
    left,
    right: left + Math.max(1, shown.length) * groupW,
    grid: [0, 25, 50, 75, 100].map((v) => ({ v, y: top + plotH - (v / 100) * plotH, ty: top + plotH - (v / 100) * plotH + 4 })),
    groups: shown.map((v, i) => {
      const x0 = left + i * groupW + 7;
      const values: Record<string, number | null> = { AD: v.domains.AD, DR: v.domains.DR, EC: v.domains.EC, score: v.score };
      return {
        name: v.name,
        label: labels[i]!,
        labelX: x0 + (series.length * bw) / 2,
        labelY: top + plotH + 10,
        bars: series.map((s, k) => {
          const val = values[s.key];
          const h = val === null || val === undefined ? 0 : (val / 100) * plotH;
          return { cls: s.cls, x: x0 + k * bw, y: c(top + plotH - h), w: bw - 1, h: c(h), title: `${v.name} · ${s.label}: ${val === null || val === undefined ? 'n/a' : r1(val)}` };
        }),
      };
    }),
    legend: series.map((s, k) => ({ cls: s.cls, label: s.label, x: left + k * 90, y: top + plotH + labelDrop + 10 })),
    truncated: p.vendors.length > shown.length,
    shownCount: shown.length,
  };
  // Heat map: vendor × factor, each cell coloured by the tier band of its risk.
  const cols = ['tier', ...ALL_FACTOR_IDS] as const;
  const cw = 54;
  const ch = 16;
  const nameW = 220;
  // Column headers rise at 45°: the header band is as tall, and the map as wide, as the longest needs.
  const headW = Math.max(...cols.map((c) => labelWidth(c)));
  const headH = Math.ceil(headW * SIN45 + 11 * SIN45) + 12;
  const lastHeadX = nameW + (cols.length - 1) * cw + cw / 2;
  const heat = {
    width: Math.ceil(Math.max(nameW + cols.length * cw + 10, lastHeadX + headW * SIN45 + 12)),
    height: headH + p.vendors.length * ch + 10,
    headers: cols.map((c, j) => ({ label: c, x: nameW + j * cw + cw / 2, y: headH - 6, title: c === 'tier' ? 'Final tier' : FACTOR_TITLES[c] })),
    rows: p.vendors.map((v, i) => ({
      name: v.name,
      label: fitLabel(v.name, nameW - 12),
      y: headH + i * ch,
      ty: headH + i * ch + ch - 4,
      cells: cols.map((c, j) => {
        const risk = c === 'tier' ? null : v.factors[c];
        const cls = c === 'tier' ? tierClass(v.tier) : band(risk, tiers);
        return {
          x: nameW + j * cw,
          w: cw - 2,
          h: ch - 2,
          cls,
          text: c === 'tier' ? v.tier : risk === null ? '—' : risk.toFixed(0),
          tx: nameW + j * cw + (cw - 2) / 2,
          title: c === 'tier' ? `${v.name}: tier ${v.tier}, score ${r1(v.score)}` : `${v.name} · ${c}: ${risk === null ? 'not assessed' : r1(risk)}${v.unknown.includes(c) ? ' (unknown)' : ''}`,
        };
      }),
    })),
  };
  const counts = (TIERS as readonly Tier[]).slice().reverse().map((t) => ({ tier: t, cls: tierClass(t), count: p.tiers[t] }));
  const view = {
    dir: p.dir,
    asOf: p.asOf,
    playbook: p.playbook ?? 'none',
    config: p.config,
    total: p.vendors.length,
    counts,
    lists: p.lists.map((l) => ({ name: l.name, date: l.date, sha256: l.sha256 })),
    hasLists: p.lists.length > 0,
    chart,
    heat,
    vendors: p.vendors.map((v) => ({
      rank: v.rank,
      folder: v.folder,
      name: v.name,
      country: v.country,
      tier: v.tier,
      tierClass: tierClass(v.tier),
      score: r1(v.score),
      AD: v.domains.AD === null ? '—' : r1(v.domains.AD),
      DR: v.domains.DR === null ? '—' : r1(v.domains.DR),
      EC: v.domains.EC === null ? '—' : r1(v.domains.EC),
      screening: v.screening,
      floors: v.floors.join(', '),
    })),
    hasDiff: p.diff !== undefined,
    diff: p.diff
      ? {
          old: p.diff.old,
          none: p.diff.changed.length + p.diff.added.length + p.diff.removed.length === 0,
          changed: p.diff.changed.map((c) => ({ ...c, scoreFrom: r1(c.scoreFrom), scoreTo: r1(c.scoreTo), fromClass: tierClass(c.from), toClass: tierClass(c.to), up: c.direction === 'up' })),
          added: p.diff.added.map((c) => ({ ...c, cls: tierClass(c.tier) })),
          removed: p.diff.removed.map((c) => ({ ...c, cls: tierClass(c.tier) })),
        }
      : { old: '', none: true, changed: [], added: [], removed: [] },
    tool: p.tool,
  };
  return template('portfolio.html.hbs')(view);
}
