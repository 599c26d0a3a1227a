// clausecheck diff OLD NEW : two drafts compared per requirement, cited text word by word, a verdict.
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { checkFiles } from '../../check/index.js';
import { type DraftDiff, type RequirementDiff, type WordChange, diffDocuments } from '../../register/diff.js';
import { clean } from '../../render/common.js';
import { EXIT_GAPS, EXIT_OK, UsageError, maxSizeBytes } from '../errors.js';
import { writeOutput } from '../output.js';

export const DIFF_FORMATS = ['text', 'md', 'html', 'json'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

interface DiffArgs {
  old: string;
  new: string;
  format: DiffFormat;
  output?: string;
  playbook: string;
  rules?: string;
  'max-size': number;
}

const shown = (r: RequirementDiff): boolean => r.verdict !== 'same' || r.textChanged || r.old.severity !== r.new.severity;

function summary(d: DraftDiff): string {
  return `${d.verdict} (${d.counts.better} better, ${d.counts.worse} worse, ${d.counts.same} same)`;
}

function wordsText(words: WordChange[]): string {
  return words.map((w) => (w.op === 'same' ? w.text : w.op === 'added' ? `{+${w.text}+}` : `[-${w.text}-]`)).join(' ');
}

export function renderDiffText(d: DraftDiff): string {
  const out = [`Draft comparison: ${clean(d.old.path)} → ${clean(d.new.path)}`, `Verdict: ${summary(d)}`, ''];
  const changed = d.requirements.filter(shown);
  if (changed.length === 0) out.push('  No requirement changed status, severity or cited text.');
  for (const r of changed) {
    out.push(`  ${r.id.padEnd(24)} ${`${r.old.status} → ${r.new.status}`.padEnd(22)} ${r.verdict.padEnd(6)}  ${clean(r.title)}`);
    if (r.old.status === r.new.status && r.old.severity !== r.new.severity) out.push(`      severity: ${r.old.severity} → ${r.new.severity}`);
    if (r.textChanged) out.push(`      text: ${clean(wordsText(r.words))}`);
  }
  return `${out.join('\n')}\n`;
}

const mdEscape = (s: string): string => clean(s).replace(/([\\`*_[\]<>|#~])/g, '\\$1');

export function renderDiffMarkdown(d: DraftDiff): string {
  const out = [`# Draft comparison`, '', `- old: \`${clean(d.old.path).replace(/`/g, "'")}\``, `- new: \`${clean(d.new.path).replace(/`/g, "'")}\``, `- verdict: **${summary(d)}**`, ''];
  out.push('| requirement | old | new | verdict |', '|---|---|---|---|');
  for (const r of d.requirements) out.push(`| ${r.id} | ${r.old.status} (${r.old.severity}) | ${r.new.status} (${r.new.severity}) | ${r.verdict} |`);
  for (const r of d.requirements.filter((x) => x.textChanged)) {
    out.push('', `## ${r.id}: ${mdEscape(r.title)}`, '');
    out.push(r.words.map((w) => (w.op === 'same' ? mdEscape(w.text) : w.op === 'added' ? `**${mdEscape(w.text)}**` : `~~${mdEscape(w.text)}~~`)).join(' '));
  }
  return `${out.join('\n')}\n`;
}

const esc = (s: string): string => clean(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderDiffHtml(d: DraftDiff): string {
  const rows = d.requirements
    .map(
      (r) =>
        `<tr class="${r.verdict}"><td>${esc(r.id)}</td><td>${esc(r.title)}</td><td>${esc(r.old.status)} <small>${esc(r.old.severity)}</small></td><td>${esc(r.new.status)} <small>${esc(r.new.severity)}</small></td><td>${r.verdict}</td></tr>` +
        (r.textChanged
          ? `<tr class="words"><td></td><td colspan="4">${r.words.map((w) => (w.op === 'same' ? esc(w.text) : w.op === 'added' ? `<ins>${esc(w.text)}</ins>` : `<del>${esc(w.text)}</del>`)).join(' ')}</td></tr>`
          : ''),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Draft comparison</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;max-width:70rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr.better td:last-child{color:#176b2c;font-weight:600}tr.worse td:last-child{color:#a11;font-weight:600}
ins{background:#d9f5dd;text-decoration:none}del{background:#fbdada}small{color:#666}tr.words td{font-size:13px;color:#333}
</style></head><body>
<h1>Draft comparison</h1>
<p>old: <code>${esc(d.old.path)}</code><br>new: <code>${esc(d.new.path)}</code></p>
<p>Verdict: <strong>${esc(summary(d))}</strong></p>
<table><thead><tr><th>requirement</th><th>title</th><th>old</th><th>new</th><th>verdict</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}

export function renderDiff(d: DraftDiff, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify(d, null, 2)}\n`;
  if (format === 'md') return renderDiffMarkdown(d);
  if (format === 'html') return renderDiffHtml(d);
  return renderDiffText(d);
}

export const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff <old> <new>',
  describe: 'Compare two drafts of a contract: status per requirement, cited text word by word, a verdict',
  builder: (y: Argv) =>
    y
      .positional('old', { type: 'string', demandOption: true, describe: 'the earlier draft (PDF, DOCX, TXT, MD)' })
      .positional('new', { type: 'string', demandOption: true, describe: 'the later draft' })
      .option('format', { alias: 'f', choices: DIFF_FORMATS, default: 'text' as DiffFormat, describe: 'output format' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file' })
      .option('playbook', { alias: 'p', type: 'string', default: 'ai-buyer', describe: 'ai-buyer, ai-provider, a playbook YAML file, or none' })
      .option('rules', { type: 'string', describe: 'rules folder (default: the shipped packs)' })
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' }) as unknown as Argv<DiffArgs>,
  handler: async (args) => {
    if (args.output && [args.old, args.new].some((f) => resolve(f) === resolve(args.output!))) throw new UsageError(`--output ${args.output} is one of the drafts; give another file name`);
    const opts = { maxBytes: maxSizeBytes(args['max-size']), playbook: args.playbook === 'none' ? null : args.playbook, ...(args.rules ? { rulesDir: args.rules } : {}) };
    const [a, b] = [(await checkFiles([args.old], opts)).documents, (await checkFiles([args.new], opts)).documents];
    if (a.length !== 1 || b.length !== 1) throw new UsageError('diff compares two files, not folders');
    const d = diffDocuments(a[0]!, b[0]!);
    const out = renderDiff(d, args.format);
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = d.verdict === 'worse' ? EXIT_GAPS : EXIT_OK;
  },
};
