#!/usr/bin/env node
// clausecheck command line: yargs commands only; the work is in the library.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { VERSION } from '../version.js';
import { discardOutputs, failRun } from '../write-file.js';
import { EXIT_ERROR, UsageError, internalLine, isInternal, reportError, setDebug } from './errors.js';

// Commands load on demand: a `check` should not pay for the spreadsheet, DOCX and risk code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;
const COMMANDS: Record<string, () => Promise<AnyCommand>> = {
  check: async () => (await import('./commands/check.js')).checkCommand as AnyCommand,
  rules: async () => (await import('./commands/rules.js')).rulesCommand as AnyCommand,
  questionnaire: async () => (await import('./commands/questionnaire.js')).questionnaireCommand as AnyCommand,
  clauses: async () => (await import('./commands/clauses.js')).clausesCommand as AnyCommand,
  screen: async () => (await import('./commands/screen.js')).screenCommand as AnyCommand,
  assess: async () => (await import('./commands/assess.js')).assessCommand as AnyCommand,
  portfolio: async () => (await import('./commands/portfolio.js')).portfolioCommand as AnyCommand,
  merge: async () => (await import('./commands/merge.js')).mergeCommand as AnyCommand,
  history: async () => (await import('./commands/history.js')).historyCommand as AnyCommand,
  triage: async () => (await import('./commands/triage.js')).triageCommand as AnyCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand as AnyCommand,
  review: async () => (await import('./commands/review.js')).reviewCommand as AnyCommand,
};

/** Set once a stray error (an unhandled rejection from a reader) has been reported: the run has failed. */
let strayReported = false;

/**
 * Last resort for errors nobody awaited (pdf.js rejects promises of its own on some corrupt files):
 * one line, exit 2, no report left behind, later writes refused. A second stray error adds nothing.
 */
export function onStrayError(err: unknown): void {
  if (strayReported) return;
  strayReported = true;
  failRun(err instanceof Error ? err.message : String(err));
  discardOutputs();
  process.stderr.write(`${internalLine(err)}\n`);
  if (process.argv.includes('--debug') && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exitCode = EXIT_ERROR;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  setDebug(argv.includes('--debug'));
  try {
    // The named command alone when argv names one; all of them for --help, typos and no command.
    const wanted = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
    const commands = await Promise.all(wanted.map((name) => COMMANDS[name]!()));
    if (argv[0] === 'check') argv = (await import('./commands/check.js')).markStdin(argv);
    let y = yargs(argv).scriptName('clausecheck').version(VERSION);
    for (const c of commands) y = y.command(c);
    // yargs renders the whole help text as a command starts, to print it should the command fail
    // later; our .fail() never prints help (--help is rendered afresh), so that render (a fifth of a
    // one-file check's start-up) is skipped.
    const usage = (y as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
    if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
    await y
      .option('debug', { type: 'boolean', global: true, hidden: true, describe: 'print the stack trace of an internal error' })
      .demandCommand(1, 'say which command to run')
      .strict()
      .recommendCommands()
      .wrap(Math.min(110, process.stdout.columns || 100))
      .fail((msg, err) => {
        throw err ?? new UsageError(`${String(msg).replace(/\s*\n\s*/g, " ")} (see clausecheck --help)`);
      })
      .parseAsync();
  } catch (err) {
    if (strayReported) return EXIT_ERROR;
    if (isInternal(err)) {
      // No output file may stay behind after a failure, whichever step wrote it.
      failRun('internal error');
      discardOutputs();
    }
    return reportError(err);
  }
  if (strayReported) return EXIT_ERROR;
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

/**
 * Executed directly (the bin script or this file run with tsx), not imported by tests. Compared by
 * real path, so a link of any name to the bin script runs the CLI too.
 */
function invokedDirectly(): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  let real: string;
  try {
    real = realpathSync(arg);
  } catch {
    return false;
  }
  return real === realpathSync(fileURLToPath(import.meta.url)) || real === fileURLToPath(new URL('../../bin/clausecheck.js', import.meta.url));
}

if (invokedDirectly()) {
  // A reader that stops early (`| head`) closes the pipe: stop quietly instead of an EPIPE stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && stream === process.stdout) process.stderr.write(`clausecheck: cannot write the output (${err.code ?? err.message})\n`);
      process.exit(err.code === 'EPIPE' ? (typeof process.exitCode === 'number' ? process.exitCode : 0) : EXIT_ERROR);
    });
  }
  process.on('unhandledRejection', onStrayError);
  process.on('uncaughtException', onStrayError);
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = strayReported ? EXIT_ERROR : code;
    },
    (err) => {
      process.exitCode = reportError(err) || EXIT_ERROR;
    },
  );
}
