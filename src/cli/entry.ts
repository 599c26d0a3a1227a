// Entry of the bundled CLI (dist/clausecheck.cjs, built by scripts/build-bundle.mjs and run by
// bin/clausecheck.js): the command line on the main thread, the `check --jobs` worker side in a
// worker thread of the pool (check-pool.ts starts its workers on the bin script when bundled).
import { isMainThread } from 'node:worker_threads';

(isMainThread ? import('./main.js') : import('./commands/check-pool.js')).catch((err: unknown) => {
  process.stderr.write(`clausecheck: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(2);
});
