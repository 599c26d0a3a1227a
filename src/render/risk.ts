// Renderers for screening reports, vendor assessments and portfolios: text, md, json, html.
// Pure functions of the report; untrusted text (names, quotes, notes) is cleaned for terminals,
// escaped for Markdown, and printed through Handlebars' escaping in HTML.
import { clean, truncate } from './common.js';
import { mdEscape } from './markdown.js';
import type { RiskAssessment } from '../risk/assess.js';
import type { FactorScore } from '../risk/score/index.js';
import type { ScreeningReport, ScreenMatch } from '../risk/screening/index.js';
import type { PortfolioReport } from '../risk/portfolio.js';
import { renderAssessmentHtml, renderPortfolioHtml } from './risk-html.js';

export const RISK_FORMATS = ['text', 'md', 'json', 'html'] as const;
export type RiskFormat = (typeof RISK_FORMATS)[number];

const TIER_SGR: Record<string, string> = { low: '32', medium: '33', high: '31', critical: '1;31' };
type Paint = (sgr: string, s: string) => string;
const painter = (color: boolean): Paint => (sgr, s) => (color ? `\x1b[${sgr}m${s}\x1b[0m` : s);

const fmt = (x: number, d = 1): string => x.toFixed(d);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function json(x: unknown): string {
  return JSON.stringify(x, null, 2) + '\n';
}

// ---- screening ------------------------------------------------------------------------------------

function listLine(l: ScreeningReport['lists'][number]): string {
  return `${l.name} (${l.format}, ${l.entries} entries, dated ${l.date}${l.dateSource === 'mtime' ? ' by file time' : ''}, sha256 ${l.sha256})`;
}

function matchLines(m: ScreenMatch, paint: Paint, indent: string): string[] {
  const word = m.decision === 'hit' ? paint('1;31', 'HIT') : m.decision === 'review' ? paint('33', 'REVIEW') : paint('2', 'CLEARED');
  const out = [
    `${indent}${word} ${m.score.toFixed(2)}  "${clean(m.listedName)}"${m.listedName !== m.entry.name ? ` (alias of "${clean(m.entry.name)}")` : ''}  ${clean(m.entry.source)} · ${clean(m.entry.list)} #${clean(m.entry.id)}${m.entry.countries.length ? ` · ${m.entry.countries.join(', ')}` : ''}${m.entry.programs.length ? ` · ${clean(m.entry.programs.join(', '))}` : ''}`,
  ];
  for (const r of m.reasons) out.push(`${indent}    ${r.effect !== undefined && r.effect !== 0 ? `${r.effect > 0 ? '+' : ''}${r.effect.toFixed(2)} ` : ''}${clean(r.feature)}: ${clean(r.detail)}`);
  return out;
}

export function screeningText(r: ScreeningReport, opts: { color?: boolean } = {}): string {
  const paint = painter(opts.color === true);
  const out: string[] = [];
  out.push(`Screened ${r.summary.subjects} name${r.summary.subjects === 1 ? '' : 's'} at threshold ${r.threshold.toFixed(2)} against:`);
  for (const l of r.lists) out.push(`  ${clean(listLine(l))}`);
  if (r.allowlist) out.push(`  allowlist ${clean(r.allowlist.file)} (${r.allowlist.entries} entries, sha256 ${r.allowlist.sha256})`);
  for (const w of r.warnings ?? []) out.push(paint('33', `warning: ${clean(w)}`));
  out.push('');
  for (const res of r.results) {
    const who = `${res.subject.role === 'name' ? '' : `${res.subject.role} `}${clean(res.subject.name)}${res.subject.country ? ` (${res.subject.country})` : ''}`;
    const d = res.decision === 'hit' ? paint('1;31', 'hit') : res.decision === 'review' ? paint('33', 'review') : res.decision === 'cleared' ? paint('2', 'cleared') : paint('32', 'clear');
    out.push(`${paint('1', who)}: ${d}${res.warnings?.length ? paint('33', ` (stale list: ${res.warnings.length === 1 ? 'see the warning above' : `${res.warnings.length} lists, see the warnings above`})`) : ''}`);
    for (const m of res.matches) out.push(...matchLines(m, paint, '  '));
  }
  out.push('');
  out.push(`${r.summary.hits} hit${r.summary.hits === 1 ? '' : 's'} · ${r.summary.reviews} to review · ${r.summary.cleared} cleared · ${r.summary.subjects - r.summary.hits - r.summary.reviews - r.summary.cleared} clear`);
  return out.join('\n') + '\n';
}

export function screeningMarkdown(r: ScreeningReport): string {
  const out: string[] = ['# Restricted-party screening', ''];
  out.push(`Threshold ${r.threshold.toFixed(2)}. Lists:`, '');
  for (const l of r.lists) out.push(`- ${mdEscape(listLine(l))}`);
  if (r.allowlist) out.push(`- allowlist ${mdEscape(r.allowlist.file)} (${r.allowlist.entries} entries, sha256 ${r.allowlist.sha256})`);
  if (r.warnings?.length) out.push('', ...r.warnings.map((w) => `> **Warning:** ${mdEscape(w)}`));
  out.push('', '| screened | role | decision | score | listed name | list entry | reasons |', '|---|---|---|---:|---|---|---|');
  for (const res of r.results) {
    if (res.matches.length === 0) out.push(`| ${mdEscape(res.subject.name)} | ${mdEscape(res.subject.role)} | clear | | | | |`);
    for (const m of res.matches) {
      out.push(
        `| ${mdEscape(m.screenedName)} | ${mdEscape(res.subject.role)} | ${m.decision} | ${m.score.toFixed(2)} | ${mdEscape(m.listedName)} | ${mdEscape(`${m.entry.source} · ${m.entry.list} #${m.entry.id}`)} | ${m.reasons.map((x) => mdEscape(`${x.feature}: ${x.detail}`)).join('<br>')} |`,
      );
    }
  }
  out.push('', `${r.summary.hits} hit${r.summary.hits === 1 ? '' : 's'} · ${r.summary.reviews} to review · ${r.summary.cleared} cleared`);
  return out.join('\n') + '\n';
}

// ---- one vendor -----------------------------------------------------------------------------------

function evidenceLine(f: FactorScore, e: FactorScore['evidence'][number]): string {
  const mark = f.method === 'max' ? (e.decisive ? '* ' : '  ') : '  ';
  const pts = e.points !== undefined ? fmt(e.points, 2) : '';
  const where = e.document ? ` — ${e.document}${e.section ? ` §${e.section}` : ''}${e.quote ? `: "${truncate(clean(e.quote), 140)}"` : ''}` : '';
  return `${mark}[${e.source}] ${clean(e.text)}${pts ? `  (${pts})` : ''}${where ? ` ${clean(where)}` : ''}`;
}

export function assessmentText(a: RiskAssessment, opts: { color?: boolean } = {}): string {
  const paint = painter(opts.color === true);
  const out: string[] = [];
  const tierWord = paint(TIER_SGR[a.tier] ?? '0', a.tier.toUpperCase());
  out.push(`${paint('1', clean(a.vendor.name))} (${a.vendor.country}): risk ${fmt(a.score)} / 100 · tier ${tierWord}${a.tier !== a.scoreTier ? ` (score alone: ${a.scoreTier})` : ''}`);
  if (a.vendor.aliases.length) out.push(`also known as ${a.vendor.aliases.map((x) => clean(x)).join(' · ')}`);
  out.push(`profile ${clean(a.vendor.profile)} · as of ${a.asOf} · playbook ${a.playbook ?? 'none'} · config ${clean(a.config.source)}`);
  out.push(`tiers: medium from ${a.config.tiers.medium}, high from ${a.config.tiers.high}, critical from ${a.config.tiers.critical}`);
  out.push('');
  out.push(`${'factor'.padEnd(20)} ${'risk'.padStart(6)} ${'weight'.padStart(6)} ${'share'.padStart(7)} ${'points'.padStart(7)}  title`);
  for (const f of a.factors) {
    const risk = f.assessed ? fmt(f.risk) : '—';
    out.push(`${f.id.padEnd(20)} ${risk.padStart(6)} ${String(f.weight).padStart(6)} ${(f.assessed ? pct(f.share) : '—').padStart(7)} ${(f.assessed ? fmt(f.contribution, 2) : '—').padStart(7)}  ${f.title}${f.unknown ? paint('2', ' (unknown)') : ''}`);
  }
  out.push(`${'total'.padEnd(20)} ${''.padStart(6)} ${String(a.totalWeight).padStart(6)} ${'100.0%'.padStart(7)} ${fmt(a.score, 1).padStart(7)}`);
  if (a.floors.length) {
    out.push('', paint('1', 'Floors'));
    for (const f of a.floors) out.push(`  ${f.raised ? '▲' : '·'} ${f.id} → at least ${f.tier}${f.raised ? ' (sets the tier)' : ' (no change)'}: ${clean(f.reason)}`);
  }
  out.push('', paint('1', 'How each factor was scored'));
  for (const f of a.factors) {
    out.push(`${paint('1', f.id)}  ${f.assessed ? `risk ${fmt(f.risk)}` : 'not assessed'} · ${f.method} · ${clean(f.basis)}`);
    for (const e of f.evidence) out.push(`    ${evidenceLine(f, e)}`);
  }
  if (a.screening) {
    out.push('', paint('1', 'Screening'));
    out.push(...screeningText(a.screening, opts).trimEnd().split('\n').map((l) => `  ${l}`));
  }
  if (a.contracts.length) {
    out.push('', paint('1', 'Contracts'));
    for (const c of a.contracts) out.push(`  ${clean(c.path)}  ${c.format} · ${c.pages} page${c.pages === 1 ? '' : 's'} · ${c.counts.met} met · ${c.counts.partial} partial · ${c.counts.missing} missing · ${c.counts.conflict} conflict`);
  }
  if (a.questionnaire) out.push('', `${paint('1', 'Questionnaire')} ${clean(a.questionnaire.path)}`);
  return out.join('\n') + '\n';
}

export function assessmentMarkdown(a: RiskAssessment): string {
  const out: string[] = [];
  out.push(`# Vendor risk: ${mdEscape(a.vendor.name)}`, '');
  out.push(`**Risk ${fmt(a.score)} / 100 · tier ${a.tier}**${a.tier !== a.scoreTier ? ` (score alone: ${a.scoreTier})` : ''}`, '');
  if (a.vendor.aliases.length) out.push(`Also known as ${a.vendor.aliases.map(mdEscape).join(' · ')}`, '');
  out.push(`Country ${a.vendor.country} · profile ${mdEscape(a.vendor.profile)} · as of ${a.asOf} · playbook ${mdEscape(a.playbook ?? 'none')} · config ${mdEscape(a.config.source)}`, '');
  out.push('| factor | risk | weight | share | points | title |', '|---|---:|---:|---:|---:|---|');
  for (const f of a.factors) {
    out.push(`| ${f.id} | ${f.assessed ? fmt(f.risk) : '—'} | ${f.weight} | ${f.assessed ? pct(f.share) : '—'} | ${f.assessed ? fmt(f.contribution, 2) : '—'} | ${mdEscape(f.title)}${f.unknown ? ' (unknown)' : ''} |`);
  }
  out.push(`| **total** | | ${a.totalWeight} | 100.0% | **${fmt(a.score)}** | |`);
  if (a.floors.length) {
    out.push('', '## Floors', '');
    for (const f of a.floors) out.push(`- **${f.id}** → at least ${f.tier}${f.raised ? ' (sets the tier)' : ' (no change)'}: ${mdEscape(f.reason)}`);
  }
  out.push('', '## How each factor was scored');
  for (const f of a.factors) {
    out.push('', `### ${f.id}: ${f.assessed ? `risk ${fmt(f.risk)}` : 'not assessed'}`, '', `${f.method} · ${mdEscape(f.basis)}`, '');
    for (const e of f.evidence) {
      const pts = e.points !== undefined ? ` (${fmt(e.points, 2)})` : '';
      const where = e.document ? ` — ${mdEscape(`${e.document}${e.section ? ` §${e.section}` : ''}`)}${e.quote ? `: “${mdEscape(truncate(clean(e.quote), 200))}”` : ''}` : '';
      out.push(`- ${e.decisive ? '**' : ''}[${e.source}] ${mdEscape(e.text)}${pts}${e.decisive ? '**' : ''}${where}`);
    }
  }
  if (a.screening) out.push('', screeningMarkdown(a.screening).replace(/^# /, '## ').trimEnd());
  if (a.contracts.length) {
    out.push('', '## Contracts', '');
    for (const c of a.contracts) out.push(`- ${mdEscape(c.path)}: ${c.counts.met} met · ${c.counts.partial} partial · ${c.counts.missing} missing · ${c.counts.conflict} conflict (sha256 ${c.sha256})`);
  }
  return out.join('\n') + '\n';
}

export function renderAssessment(a: RiskAssessment, format: RiskFormat, opts: { color?: boolean } = {}): string {
  switch (format) {
    case 'text':
      return assessmentText(a, opts);
    case 'md':
      return assessmentMarkdown(a);
    case 'json':
      return json(a);
    case 'html':
      return renderAssessmentHtml(a);
  }
}

// ---- portfolio ------------------------------------------------------------------------------------

export function portfolioText(p: PortfolioReport, opts: { color?: boolean } = {}): string {
  const paint = painter(opts.color === true);
  const out: string[] = [];
  out.push(`${paint('1', `Portfolio ${clean(p.dir)}`)}: ${p.vendors.length} vendor${p.vendors.length === 1 ? '' : 's'} · as of ${p.asOf} · playbook ${p.playbook ?? 'none'} · config ${clean(p.config.source)}`);
  out.push(`tiers: ${(['critical', 'high', 'medium', 'low'] as const).map((t) => `${p.tiers[t]} ${t}`).join(' · ')}`);
  if (p.lists.length) out.push(`lists: ${p.lists.map((l) => `${clean(l.name)} (${l.date}, sha256 ${l.sha256.slice(0, 12)}…)`).join(', ')}`);
  out.push('');
  const w = Math.min(40, Math.max(6, ...p.vendors.map((v) => clean(v.name).length)));
  out.push(`${'#'.padStart(4)}  ${'vendor'.padEnd(w)}  ${'tier'.padEnd(8)} ${'score'.padStart(5)}  ${'AD'.padStart(5)} ${'DR'.padStart(5)} ${'EC'.padStart(5)}  screening  floors`);
  for (const v of p.vendors) {
    const d = (x: number | null): string => (x === null ? '—' : fmt(x, 0)).padStart(5);
    out.push(
      `${String(v.rank).padStart(4)}  ${truncate(clean(v.name), w).padEnd(w)}  ${paint(TIER_SGR[v.tier] ?? '0', v.tier.padEnd(8))} ${fmt(v.score).padStart(5)}  ${d(v.domains.AD)} ${d(v.domains.DR)} ${d(v.domains.EC)}  ${v.screening.padEnd(9)}  ${v.floors.join(', ')}`,
    );
  }
  if (p.diff) {
    out.push('', paint('1', `Changes since ${clean(p.diff.old)}`));
    if (p.diff.changed.length + p.diff.added.length + p.diff.removed.length === 0) out.push('  no tier changed');
    for (const c of p.diff.changed) out.push(`  ${c.to === c.from ? '' : c.direction === 'up' ? '▲' : '▼'} ${clean(c.name)}: ${c.from} → ${c.to} (score ${fmt(c.scoreFrom)} → ${fmt(c.scoreTo)})`);
    for (const c of p.diff.added) out.push(`  + ${clean(c.name)}: new, ${c.tier}`);
    for (const c of p.diff.removed) out.push(`  - ${clean(c.name)}: gone (was ${c.tier})`);
  }
  return out.join('\n') + '\n';
}

export function portfolioMarkdown(p: PortfolioReport): string {
  const out: string[] = [`# Vendor portfolio: ${mdEscape(p.dir)}`, ''];
  out.push(`${p.vendors.length} vendors · as of ${p.asOf} · playbook ${mdEscape(p.playbook ?? 'none')} · ${(['critical', 'high', 'medium', 'low'] as const).map((t) => `${p.tiers[t]} ${t}`).join(' · ')}`, '');
  out.push('| # | vendor | country | tier | score | AD | DR | EC | screening | floors |', '|---:|---|---|---|---:|---:|---:|---:|---|---|');
  const d = (x: number | null): string => (x === null ? '—' : fmt(x, 0));
  for (const v of p.vendors) out.push(`| ${v.rank} | ${mdEscape(v.name)} | ${v.country} | ${v.tier} | ${fmt(v.score)} | ${d(v.domains.AD)} | ${d(v.domains.DR)} | ${d(v.domains.EC)} | ${v.screening} | ${v.floors.join(', ')} |`);
  if (p.diff) {
    out.push('', `## Changes since ${mdEscape(p.diff.old)}`, '');
    if (p.diff.changed.length + p.diff.added.length + p.diff.removed.length === 0) out.push('No tier changed.');
    for (const c of p.diff.changed) out.push(`- ${mdEscape(c.name)}: ${c.from} → ${c.to} (score ${fmt(c.scoreFrom)} → ${fmt(c.scoreTo)})`);
    for (const c of p.diff.added) out.push(`- ${mdEscape(c.name)}: new, ${c.tier}`);
    for (const c of p.diff.removed) out.push(`- ${mdEscape(c.name)}: gone (was ${c.tier})`);
  }
  return out.join('\n') + '\n';
}

export function renderPortfolio(p: PortfolioReport, format: RiskFormat, opts: { color?: boolean } = {}): string {
  switch (format) {
    case 'text':
      return portfolioText(p, opts);
    case 'md':
      return portfolioMarkdown(p);
    case 'json':
      return json(p);
    case 'html':
      return renderPortfolioHtml(p);
  }
}
