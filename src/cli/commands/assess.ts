// clausecheck assess --profile vendor.yaml : explainable vendor risk score and tier.
import type { Argv, CommandModule } from 'yargs';
import { assessVendor, buildContext } from '../../risk/assess.js';
import { TIERS, type Tier } from '../../risk/defaults.js';
import { renderAssessment, RISK_FORMATS, type RiskFormat } from '../../render/risk.js';
import { tierRank } from '../../risk/score/index.js';
import { DEFAULT_MAX_LIST_AGE } from '../../risk/screening/index.js';
import { EXIT_GAPS, EXIT_OK, UsageError } from '../errors.js';
import { writeOutput } from '../output.js';
import { recordAssessment, riskRegisterOptions } from './risk-register.js';

export interface RiskCommonArgs {
  list?: string[];
  allowlist?: string;
  playbook?: string;
  'risk-config'?: string;
  'as-of'?: string;
  'max-list-age'?: number;
  format: RiskFormat;
  output?: string;
  'fail-on': Tier | 'none';
  rules?: string;
}

interface AssessArgs extends RiskCommonArgs {
  record?: boolean;
  db?: string;
  profile: string;
  contract?: string[];
  questionnaire?: string;
}

/** Options shared by assess and portfolio. */
export function riskOptions(y: Argv, failOnDefault: Tier | 'none'): Argv {
  return y
    .option('list', { alias: 'l', type: 'string', array: true, describe: 'restricted-party list files to screen against (CSL CSV/JSON, OFAC CSV, names)' })
    .option('allowlist', { type: 'string', describe: 'YAML file of screening matches a reviewer cleared' })
    .option('playbook', { type: 'string', describe: 'playbook (ai-buyer, ai-provider, a YAML file, or none): requirement levels and limits; default ai-buyer' })
    .option('risk-config', { type: 'string', describe: 'YAML risk tolerance: weights, tier thresholds, floors' })
    .option('as-of', { type: 'string', describe: 'judge incidents, certificate expiry and list age at this date (YYYY-MM-DD; default today)' })
    .option('max-list-age', { type: 'number', default: DEFAULT_MAX_LIST_AGE, describe: 'days a screening list may be old before every result warns' })
    .option('format', { alias: 'f', choices: RISK_FORMATS, default: 'text' as RiskFormat, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
    .option('fail-on', { choices: [...TIERS, 'none'] as const, default: failOnDefault, describe: 'exit 1 when a tier is at or above this' })
    .option('rules', { type: 'string', describe: 'rules folder for the contract check (default: the shipped packs)' });
}

/** --max-list-age, checked: a whole number of days, 0 or more. */
export function maxListAge(v: number | undefined): number {
  const n = v ?? DEFAULT_MAX_LIST_AGE;
  if (!(Number.isInteger(n) && n >= 0)) throw new UsageError('--max-list-age must be a whole number of days (0 or more)');
  return n;
}

export function failsOn(tier: Tier, failOn: Tier | 'none'): boolean {
  return failOn !== 'none' && tierRank(tier) >= tierRank(failOn);
}

export const assessCommand: CommandModule<object, AssessArgs> = {
  command: 'assess',
  describe: 'Score one vendor: profile, contracts, questionnaire and screening, every point explained',
  builder: (y: Argv) =>
    riskOptions(
      y
        .option('profile', { alias: 'p', type: 'string', demandOption: true, describe: 'vendor profile (YAML, see schemas/vendor-profile.schema.json)' })
        .option('contract', { alias: 'c', type: 'string', array: true, describe: 'contract files (in addition to the profile\'s contracts)' })
        .option('questionnaire', { alias: 'q', type: 'string', describe: 'answered questionnaire (XLSX, CSV, JSON, YAML)' })
        .options(riskRegisterOptions),
      'high',
    ) as unknown as Argv<AssessArgs>,
  handler: async (args) => {
    const ctx = buildContext({
      ...(args.playbook ? { playbook: args.playbook } : {}),
      ...(args['risk-config'] ? { riskConfig: args['risk-config'] } : {}),
      ...(args.list?.length ? { lists: args.list } : {}),
      ...(args.allowlist ? { allowlist: args.allowlist } : {}),
      ...(args.rules ? { rulesDir: args.rules } : {}),
      ...(args['as-of'] ? { asOf: args['as-of'] } : {}),
      maxListAge: maxListAge(args['max-list-age']),
    });
    const a = await assessVendor(args.profile, ctx, {
      ...(args.contract?.length ? { contracts: args.contract } : {}),
      ...(args.questionnaire ? { questionnaire: args.questionnaire } : {}),
      ...(args['as-of'] ? { asOf: args['as-of'] } : {}),
    });
    await recordAssessment(a, args);
    const color = !args.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const out = renderAssessment(a, args.format, { color });
    if (args.output) writeOutput(args.output, out);
    else process.stdout.write(out);
    process.exitCode = failsOn(a.tier, args['fail-on']) ? EXIT_GAPS : EXIT_OK;
  },
};
