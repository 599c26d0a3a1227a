// A child process for the register tests: records `count` batches (0 = until killed) of synthetic
// runs into the register given, each batch of 20 documents in one transaction, and prints a line
// after every batch. Run with: node --import tsx writer.ts DB NAME COUNT
import { REQUIREMENTS } from '../../src/catalog.js';
import { openRegister } from '../../src/register/index.js';
import type { RunInput } from '../../src/register/types.js';

const [db, name, countArg] = process.argv.slice(2);
const count = Number(countArg);
const store = openRegister(db!, { busyTimeoutMs: 30_000 });
const evidence = [{ quote: 'x'.repeat(300), page: 1, section: '1', start: 0, end: 300, rule: 'test/rule', proves: 'partial' as const }];
for (let batch = 1; count === 0 || batch <= count; batch++) {
  const runs: RunInput[] = Array.from({ length: 20 }, (_, i) => ({
    path: `/contracts/${name}/${batch}-${i}.txt`,
    sha256: `${name}-${batch}-${i}`,
    format: 'txt',
    vendor: name!,
    at: new Date().toISOString(),
    toolVersion: 'test',
    rulesHash: 'test',
    playbook: 'ai-buyer',
    results: REQUIREMENTS.map((r) => ({ requirement: r.id, status: 'partial' as const, severity: 'low' as const, fingerprint: 'f', evidence })),
  }));
  store.recordRuns(runs);
  process.stdout.write(`batch ${batch}\n`);
}
store.close();
