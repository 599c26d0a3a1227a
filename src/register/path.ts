// Where the register lives (no database code here, so a command can decide cheaply whether it needs one).
import { join, resolve } from 'node:path';

/** The default register file under a folder. */
export const DEFAULT_REGISTER = join('.clausecheck', 'register.db');

/** The register file: --db, else $CLAUSECHECK_DB, else .clausecheck/register.db under the current folder. */
export function registerPath(db?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, db ?? (env.CLAUSECHECK_DB || DEFAULT_REGISTER));
}
