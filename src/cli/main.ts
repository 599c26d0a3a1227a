#!/usr/bin/env node
// clausecheck command line: yargs commands only; the work is in the library.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { VERSION } from '../check.js';
import { checkCommand } from './commands/check.js';
import { clausesCommand } from './commands/clauses.js';
import { questionnaireCommand } from './commands/questionnaire.js';
import { assessCommand } from './commands/assess.js';
import { portfolioCommand } from './commands/portfolio.js';
import { screenCommand } from './commands/screen.js';
import { rulesCommand } from './commands/rules.js';
import { EXIT_ERROR, UsageError, reportError } from './errors.js';

export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    await yargs(argv)
      .scriptName('clausecheck')
      .version(VERSION)
      .command(checkCommand)
      .command(rulesCommand)
      .command(questionnaireCommand)
      .command(clausesCommand)
      .command(screenCommand)
      .command(assessCommand)
      .command(portfolioCommand)
      // further commands register here
      .demandCommand(1, 'say which command to run (see --help)')
      .strict()
      .recommendCommands()
      .wrap(Math.min(110, process.stdout.columns || 100))
      .fail((msg, err) => {
        throw err ?? new UsageError(`${String(msg).replace(/\s*\n\s*/g, " ")} (see clausecheck --help)`);
      })
      .parseAsync();
  } catch (err) {
    return reportError(err);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

// Run when executed directly (bin or tsx), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/(?:^|[\\/])(main\.(?:ts|js)|clausecheck(?:\.js)?)$/.test(invoked)) {
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.exitCode = reportError(err) || EXIT_ERROR;
    },
  );
}
