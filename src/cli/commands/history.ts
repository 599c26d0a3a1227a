// clausecheck history VENDOR|FILE : recorded runs (statuses over time), assessments and decisions.
import type { Argv, CommandModule } from 'yargs';
import { historyOf, type History } from '../../register/history.js';
import { openRegister, registerPath } from '../../register/index.js';
import { decisionLine } from '../../register/line.js';
import { clean } from '../../render/common.js';
import { writeOutput } from '../output.js';
import { dbOption } from './db-option.js';

interface HistoryArgs {
  target: string;
  db?: string;
  format: 'text' | 'json';
  output?: string;
}

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export function renderHistory(h: History): string {
  const out: string[] = [`History of ${h.kind} ${clean(h.target)}  (register ${clean(h.register)})`];
  out.push('', h.runs.length ? `Runs (${h.runs.length}):` : 'Runs: none recorded');
  for (const r of h.runs) {
    const c = r.counts;
    out.push(
      `  ${when(r.at)}  ${clean(r.path)}  ${r.sha256.slice(0, 12)}  ${clean(r.playbook)}  ${c.met} met · ${c.partial} partial · ${c.missing} missing · ${c.conflict} conflict  ${r.gaps} gap${r.gaps === 1 ? '' : 's'}${r.vendor ? `  vendor ${clean(r.vendor)}` : ''}`,
    );
    for (const ch of r.changes) out.push(`      ${ch.id}: ${ch.from} → ${ch.to}`);
  }
  if (h.assessments.length) {
    out.push('', `Assessments (${h.assessments.length}):`);
    for (const a of h.assessments) out.push(`  ${when(a.at)}  ${clean(a.vendor)}  score ${a.score}  tier ${a.tier}  (${a.source}, as of ${a.asOf})`);
  }
  if (h.decisions.length) {
    out.push('', `Decisions (${h.decisions.length}):`);
    for (const d of h.decisions) {
      const line =
        d.action === 'reopen'
          ? `reopened by ${d.by} on ${d.at.slice(0, 10)}: ${d.reason}`
          : decisionLine({ action: d.action, ...(d.status ? { status: d.status } : {}), found: d.statusBefore, by: d.by, at: d.at, reason: d.reason, stale: false });
      out.push(`  ${d.requirement}  ${clean(line)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export const historyCommand: CommandModule<object, HistoryArgs> = {
  command: 'history <target>',
  describe: 'Recorded runs of a file or a vendor over time, with its assessments and triage decisions',
  builder: (y: Argv) =>
    y
      .positional('target', { type: 'string', demandOption: true, describe: 'a contract file or a vendor name' })
      .option('db', dbOption)
      .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file' }) as unknown as Argv<HistoryArgs>,
  handler: (args) => {
    const store = openRegister(registerPath(args.db), { create: false });
    let h: History;
    try {
      h = historyOf(store, args.target);
    } finally {
      store.close();
    }
    const out = args.format === 'json' ? `${JSON.stringify(h, null, 2)}\n` : renderHistory(h);
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
  },
};
