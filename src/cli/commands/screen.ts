// clausecheck screen NAME... --list FILE... : restricted-party screening with explained scores.
import type { Argv, CommandModule } from 'yargs';
import { countryCode } from '../../risk/countries.js';
import { loadProfile, screeningSubjects } from '../../risk/profile.js';
import { json, screeningMarkdown, screeningText } from '../../render/risk.js';
import { isCalendarDate } from '../../risk/assess.js';
import { DEFAULT_MAX_LIST_AGE, DEFAULT_THRESHOLD, loadAllowlist, loadLists, Screener, type ScreenSubject } from '../../risk/screening/index.js';
import { EXIT_GAPS, EXIT_OK, UsageError } from '../errors.js';
import { writeOutput } from '../output.js';

const FORMATS = ['text', 'md', 'json'] as const;

interface ScreenArgs {
  names?: string[];
  list: string[];
  profile?: string;
  country?: string;
  alias?: string[];
  allowlist?: string;
  threshold: number;
  'as-of'?: string;
  'max-list-age': number;
  format: (typeof FORMATS)[number];
  output?: string;
  'fail-on': 'hit' | 'review' | 'none';
}

export const screenCommand: CommandModule<object, ScreenArgs> = {
  command: 'screen [names..]',
  describe: 'Screen names (or everyone a vendor profile names) against restricted-party lists',
  builder: (y: Argv) =>
    y
      .positional('names', { type: 'string', array: true, describe: 'names to screen' })
      .option('list', { alias: 'l', type: 'string', array: true, demandOption: true, describe: 'list file: CSL CSV/JSON, OFAC sdn.csv (+ alt.csv, add.csv), or a CSV/JSON of names' })
      .option('profile', { alias: 'p', type: 'string', describe: 'vendor profile: screen the vendor, its parent, owners and subprocessors' })
      .option('country', { type: 'string', describe: 'country of the names given (ISO code or name), a qualifier' })
      .option('alias', { type: 'string', array: true, describe: 'other names of the (single) name given' })
      .option('allowlist', { type: 'string', describe: 'YAML file of matches a reviewer cleared' })
      .option('threshold', { type: 'number', default: DEFAULT_THRESHOLD, describe: 'score at or above which a match needs review' })
      .option('as-of', { type: 'string', describe: 'judge the lists\' age at this date (YYYY-MM-DD; default today)' })
      .option('max-list-age', { type: 'number', default: DEFAULT_MAX_LIST_AGE, describe: 'days a list may be old before every result warns' })
      .option('format', { alias: 'f', choices: FORMATS, default: 'text' as const, describe: 'report format' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
      .option('fail-on', { choices: ['hit', 'review', 'none'] as const, default: 'review' as const, describe: 'exit 1 on a hit, or on a hit or a match to review' }) as unknown as Argv<ScreenArgs>,
  handler: (args) => {
    const names = (args.names ?? []).map((n) => n.trim()).filter((n) => n !== '');
    if (names.length === 0 && !args.profile) throw new UsageError('give names to screen or --profile vendor.yaml');
    if (!(args.threshold > 0 && args.threshold <= 1)) throw new UsageError('--threshold must be above 0 and at most 1');
    if (!(Number.isInteger(args['max-list-age']) && args['max-list-age'] >= 0)) throw new UsageError('--max-list-age must be a whole number of days (0 or more)');
    if (args['as-of'] !== undefined && !isCalendarDate(args['as-of'])) throw new UsageError(`--as-of: expected a date as YYYY-MM-DD, got "${args['as-of']}"`);
    if (args.alias?.length && names.length !== 1) throw new UsageError('--alias needs exactly one name');
    let country: string | undefined;
    if (args.country) {
      country = countryCode(args.country);
      if (!country) throw new UsageError(`--country: unknown country "${args.country}" (use an ISO code such as CN)`);
    }
    const subjects: ScreenSubject[] = names.map((name) => ({ name, role: 'name', ...(country ? { country } : {}), ...(args.alias?.length ? { aliases: args.alias } : {}) }));
    if (args.profile) subjects.push(...screeningSubjects(loadProfile(args.profile).profile));
    const screener = new Screener(loadLists(args.list), {
      threshold: args.threshold,
      ...(args.allowlist ? { allowlist: loadAllowlist(args.allowlist) } : {}),
      ...(args['as-of'] ? { asOf: args['as-of'] } : {}),
      maxListAge: args['max-list-age'],
    });
    const report = screener.report(subjects);
    const color = !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const out = args.format === 'json' ? json(report) : args.format === 'md' ? screeningMarkdown(report) : screeningText(report, { color });
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    const fail = args['fail-on'] === 'none' ? false : args['fail-on'] === 'hit' ? report.summary.hits > 0 : report.summary.hits + report.summary.reviews > 0;
    process.exitCode = fail ? EXIT_GAPS : EXIT_OK;
  },
};
