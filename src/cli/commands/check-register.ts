// check's link to the register: --record stores the run; decisions in the register come back into the
// report (and its exit code). The register code loads only when a register is in use.
import type { Options } from 'yargs';
import type { Report } from '../../types.js';
import { existsSync } from 'node:fs';
import { registerPath } from '../../register/path.js';

export const registerOptions: Record<'record' | 'db' | 'vendor', Options> = {
  record: { type: 'boolean', describe: 'store this run and every result in the register (.clausecheck/register.db, --db or $CLAUSECHECK_DB)' },
  db: { type: 'string', describe: 'register file (default: $CLAUSECHECK_DB, else .clausecheck/register.db here); its triage decisions apply to the report' },
  vendor: { type: 'string', describe: 'the vendor these documents are from (recorded; triage decisions then cover all its drafts)' },
};

interface RegisterArgs {
  record?: boolean;
  db?: string;
  vendor?: string;
  rules?: string;
}

/**
 * Record the report when asked, and apply the register's triage decisions. Without --record or --db
 * a register is used only when its file exists ($CLAUSECHECK_DB or the default under this folder).
 */
export async function withRegister(report: Report, args: RegisterArgs): Promise<Report> {
  const file = registerPath(args.db);
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
