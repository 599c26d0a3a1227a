// clausecheck portfolio DIR : every vendor folder assessed in parallel, ranked, with an HTML page.
import type { Argv, CommandModule } from 'yargs';
import { assessPortfolio } from '../../risk/portfolio.js';
import { renderPortfolio } from '../../render/risk.js';
import { EXIT_GAPS, EXIT_OK, UsageError } from '../errors.js';
import { writeOutput } from '../output.js';
import { failsOn, maxListAge, riskOptions, type RiskCommonArgs } from './assess.js';
import { portfolioRegister, riskRegisterOptions } from './risk-register.js';

interface PortfolioArgs extends RiskCommonArgs {
  dir: string;
  jobs?: number;
  diff?: string;
  progress?: boolean;
  record?: boolean;
  db?: string;
  since?: string;
}

/** A one-line progress bar on stderr, redrawn in place. */
export function progressBar(width = 30): { update: (done: number, total: number, name: string) => void; end: () => void } {
  const cols = process.stderr.columns || 80;
  return {
    update(done, total, name) {
      const filled = Math.round((done / total) * width);
      const label = `${done}/${total} ${name}`.slice(0, Math.max(0, cols - width - 4));
      process.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label}`);
    },
    end() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

export const portfolioCommand: CommandModule<object, PortfolioArgs> = {
  command: 'portfolio <dir>',
  describe: 'Assess every vendor folder of DIR (vendor.yaml + contracts + questionnaire) and rank them',
  builder: (y: Argv) =>
    riskOptions(
      y
        .positional('dir', { type: 'string', demandOption: true, describe: 'folder with one sub-folder per vendor' })
        .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: CPU cores; 1 = no workers)' })
        .option('diff', { type: 'string', describe: 'earlier portfolio JSON report: list vendors whose tier changed' })
        .option('progress', { type: 'boolean', describe: 'progress bar on stderr (default: when stderr is a terminal)' })
        .option('since', { type: 'string', describe: 'list vendors whose tier moved since this date (YYYY-MM-DD), from the register' })
        .options(riskRegisterOptions),
      'none',
    ) as unknown as Argv<PortfolioArgs>,
  handler: async (args) => {
    if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 0)) throw new UsageError('--jobs must be a whole number');
    if (args.since !== undefined && args.diff !== undefined) throw new UsageError('--since and --diff both set what to compare with: give one');
    const showProgress = args.progress ?? process.stderr.isTTY === true;
    const bar = showProgress ? progressBar() : undefined;
    let report;
    try {
      report = await assessPortfolio(args.dir, {
        ...(args.playbook ? { playbook: args.playbook } : {}),
        ...(args['risk-config'] ? { riskConfig: args['risk-config'] } : {}),
        ...(args.list?.length ? { lists: args.list } : {}),
        ...(args.allowlist ? { allowlist: args.allowlist } : {}),
        ...(args.rules ? { rulesDir: args.rules } : {}),
        ...(args['as-of'] ? { asOf: args['as-of'] } : {}),
        maxListAge: maxListAge(args['max-list-age']),
        ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
        ...(args.diff ? { diff: args.diff } : {}),
        ...(bar ? { onProgress: bar.update } : {}),
      });
    } finally {
      bar?.end();
    }
    report = await portfolioRegister(report, args);
    const color = !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const out = renderPortfolio(report, args.format, { color });
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = report.vendors.some((v) => failsOn(v.tier, args['fail-on'])) ? EXIT_GAPS : EXIT_OK;
  },
};
