// clausecheck review FILE : a local page to read the contract beside its findings and triage them.
import type { Argv, CommandModule } from 'yargs';
import { VERSION, checkSource, compiledRulesFor, readForCheck } from '../../check/index.js';
import { loadPlaybook } from '../../playbook/index.js';
import { openRegister, recordReport, registerPath, vendorOf } from '../../register/index.js';
import { startReview } from '../../server/review.js';
import type { Report } from '../../types.js';
import { UsageError, maxSizeBytes } from '../errors.js';
import { dbOption } from './db-option.js';

interface ReviewArgs {
  file: string;
  db?: string;
  vendor?: string;
  port: number;
  playbook: string;
  rules?: string;
  'max-size': number;
}

export const reviewCommand: CommandModule<object, ReviewArgs> = {
  command: 'review <file>',
  describe: 'Open a local review page (127.0.0.1 only): the contract with its evidence highlighted, the 28 requirements, triage controls',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'a contract (PDF, DOCX, TXT, MD)' })
      .option('db', dbOption)
      .option('vendor', { type: 'string', describe: 'the vendor of the contract (default: as last recorded)' })
      .option('port', { type: 'number', default: 0, describe: 'port on 127.0.0.1 (0: any free port)' })
      .option('playbook', { alias: 'p', type: 'string', default: 'ai-buyer', describe: 'ai-buyer, ai-provider or a playbook YAML file' })
      .option('rules', { type: 'string', describe: 'rules folder (default: the shipped packs)' })
      .option('max-size', { type: 'number', default: 50, describe: 'largest input file in MB' }) as unknown as Argv<ReviewArgs>,
  handler: async (args) => {
    if (!(Number.isInteger(args.port) && args.port >= 0 && args.port <= 65535)) throw new UsageError('--port must be a whole number from 0 to 65535');
    const playbook = loadPlaybook(args.playbook);
    const source = await readForCheck(args.file, { maxBytes: maxSizeBytes(args['max-size']) });
    const doc = checkSource(source, compiledRulesFor(args.rules), false, 0, playbook);
    const report: Report = { schemaVersion: 1, tool: { name: 'clausecheck', version: VERSION }, playbook: playbook.name, documents: [doc] };
    const store = openRegister(registerPath(args.db), { create: true });
    const vendor = vendorOf(store, doc, args.vendor);
    // The page's decisions are made on this run: record it.
    recordReport(store, report, { ...(vendor ? { vendor } : {}), ...(args.rules ? { rulesDir: args.rules } : {}) });
    let server;
    try {
      server = await startReview({ store, report, text: source.text, file: args.file, ...(vendor ? { vendor } : {}), port: args.port });
    } catch (err) {
      store.close();
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot listen on ${'127.0.0.1'}:${args.port} (${code ?? String(err)})`);
    }
    process.stdout.write(`Review page for ${args.file} (Ctrl-C to stop):\n${server.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    store.close();
  },
};
