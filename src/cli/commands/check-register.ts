// check's link to the register: --record stores the run; decisions in the register come back into the
// report (and its exit code). The register code loads only when a register is in use.
import type { Options } from 'yargs';
import { existsSync } from 'node:fs';
import type { Report } from '../../types.js';
import { registerPath } from '../../register/path.js';
import { DB_DESCRIBE, dbOption } from './db-option.js';

export const registerOptions: Record<'record' | 'db' | 'vendor', Options> = {
  record: { type: 'boolean', describe: 'store this run and every result in the register (.clausecheck/register.db, --db or $CLAUSECHECK_DB)' },
  db: { ...dbOption, describe: `${DB_DESCRIBE}; with --db, --record or $CLAUSECHECK_DB its triage decisions apply to the report` },
  vendor: { type: 'string', describe: 'the vendor these documents are from (recorded; triage decisions then cover all its drafts)' },
};

interface RegisterArgs {
  record?: boolean;
  db?: string;
  vendor?: string;
  rules?: string;
}

/**
 * Record the report when asked, and apply the register's triage decisions. A register is used only
 * when asked for (--record, --db or $CLAUSECHECK_DB), so a plain check stays the same for the same
 * inputs wherever it runs.
 */
export async function withRegister(report: Report, args: RegisterArgs): Promise<Report> {
  if (!args.record && !args.db && !process.env.CLAUSECHECK_DB) return report;
  const file = registerPath(args.db);
  // $CLAUSECHECK_DB naming a register not made yet: nothing to apply.
  if (!args.record && !args.db && !existsSync(file)) return report;
  const { openRegister, recordReport, withDecisions } = await import('../../register/index.js');
  const store = openRegister(file, { create: args.record === true });
  try {
    if (args.record) recordReport(store, report, { ...(args.vendor ? { vendor: args.vendor } : {}), ...(args.rules ? { rulesDir: args.rules } : {}) });
    return withDecisions(store, report, args.vendor);
  } finally {
    store.close();
  }
}
