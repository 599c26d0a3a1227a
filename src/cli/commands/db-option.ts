// The --db option of every command that reads or writes the register.
import type { Options } from 'yargs';

export const DB_DESCRIBE = 'register file (default: $CLAUSECHECK_DB, else .clausecheck/register.db here)';
export const dbOption: Options = { type: 'string', describe: DB_DESCRIBE };
