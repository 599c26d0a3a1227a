// clausecheck triage accept|override|reopen FILE --id ID [--status S] --reason TEXT --by NAME
import { createHash } from 'node:crypto';
import type { Argv, CommandModule } from 'yargs';
import { openRegister, registerPath } from '../../register/index.js';
import { triage } from '../../register/triage.js';
import { readBounded } from '../../read-file.js';
import type { Status } from '../../types.js';
import { dbOption } from './db-option.js';

interface TriageArgs {
  action: 'accept' | 'override' | 'reopen';
  file: string;
  id: string;
  status?: Status;
  reason: string;
  by: string;
  db?: string;
}

export const triageCommand: CommandModule<object, TriageArgs> = {
  command: 'triage <action> <file>',
  describe: "Record a reviewer's decision on a requirement of a checked contract (accept, override the status, reopen)",
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['accept', 'override', 'reopen'] as const, demandOption: true, describe: 'accept the gap, override the status, or reopen (withdraw the decision)' })
      .positional('file', { type: 'string', demandOption: true, describe: 'a contract recorded with check --record' })
      .option('id', { type: 'string', demandOption: true, describe: 'requirement ID (for example DR-NO-TRAINING)' })
      .option('status', { choices: ['met', 'partial', 'missing', 'conflict'] as const, describe: 'the status an override sets' })
      .option('reason', { type: 'string', demandOption: true, describe: 'why (kept with the decision and shown in reports)' })
      .option('by', { type: 'string', demandOption: true, describe: 'who decides' })
      .option('db', dbOption) as unknown as Argv<TriageArgs>,
  handler: (args) => {
    const sha256 = createHash('sha256').update(readBounded(args.file, 50 * 1048576, 'the contract')).digest('hex');
    const store = openRegister(registerPath(args.db), { create: false });
    try {
      const d = triage(store, { action: args.action, file: args.file, sha256, id: args.id, ...(args.status ? { status: args.status } : {}), reason: args.reason, by: args.by });
      const what = d.action === 'accept' ? 'accepted' : d.action === 'reopen' ? 'reopened' : `overridden to ${d.status}`;
      process.stdout.write(`${d.requirement} ${what} by ${d.by} for ${args.file} (found: ${d.statusBefore})\n`);
    } finally {
      store.close();
    }
  },
};
