// clausecheck rules lint|test [PATH...]
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_RULES_DIR } from '../../check/index.js';
import { loadRules } from '../../rules/load.js';
import { testRules } from '../../rules-test/index.js';
import { EXIT_GAPS, EXIT_OK } from '../errors.js';
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../../types.js';

interface RulesArgs {
  paths?: string[];
  rules?: string;
  verbose?: boolean;
}

function load(args: RulesArgs) {
  const root = resolve(args.rules ?? DEFAULT_RULES_DIR);
  const only = (args.paths ?? []).map((p) => {
    const full = resolve(p);
    let st;
    try {
      st = statSync(full);
    } catch {
      throw new InputError(p, 'not found');
    }
    const rel = relative(root, full);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(p, `is not under the rules folder ${root} (give --rules for another one)`);
    if (st.isFile() && !/\.ya?ml$/i.test(full)) throw new InputError(p, 'is not a rule file (.yaml)');
    return full;
  });
  return loadRules(root, only.length ? only : undefined);
}

export const rulesCommand: CommandModule = {
  command: 'rules <action>',
  describe: 'Lint or test rule packs',
  builder: (y: Argv) =>
    y
      .command<RulesArgs>({
        command: 'lint [paths..]',
        describe: 'Validate rule files (schema, terms, phrases, regexes)',
        builder: (yy: Argv) =>
          yy.positional('paths', { type: 'string', array: true }).option('rules', { type: 'string', describe: 'rules root folder' }) as unknown as Argv<RulesArgs>,
        handler: (args) => {
          const set = load(args);
          process.stdout.write(`${set.rules.length} rules OK\n`);
          process.exitCode = EXIT_OK;
        },
      })
      .command<RulesArgs>({
        command: 'test [paths..]',
        describe: "Run every rule's valid / invalid examples",
        builder: (yy: Argv) =>
          yy
            .positional('paths', { type: 'string', array: true })
            .option('rules', { type: 'string', describe: 'rules root folder' })
            .option('verbose', { alias: 'v', type: 'boolean', describe: 'list every case' }) as unknown as Argv<RulesArgs>,
        handler: (args) => {
          const set = load(args);
          const summary = testRules(set);
          for (const c of summary.cases) {
            const todo = c.kind.startsWith('todo');
            if (!c.ok) {
              const why = todo ? 'todo now passes (promote it)' : c.problems.join('; ');
              process.stdout.write(`${todo ? 'FIXED' : 'FAIL '} ${c.rule}  [${c.kind}] ${why}\n       ${c.text}\n`);
            } else if (args.verbose) process.stdout.write(`${todo ? 'todo ' : 'ok   '} ${c.rule}  [${c.kind}] ${c.text}\n`);
          }
          process.stdout.write(`${set.rules.length} rules, ${summary.passed} passed, ${summary.failed} failed, ${summary.todo} todo${summary.fixedTodos ? ` (${summary.fixedTodos} fixed)` : ''}\n`);
          process.exitCode = summary.failed ? EXIT_GAPS : EXIT_OK;
        },
      })
      .demandCommand(1, 'say lint or test'),
  handler: () => undefined,
};
