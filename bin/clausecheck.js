#!/usr/bin/env node
// Runs the compiled CLI (npm run build). Prefer `npx tsx src/cli/main.ts` while developing.
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('clausecheck: not built yet; run `npm run build` first\n');
  } else {
    process.stderr.write(`clausecheck: ${err && err.message ? err.message.split('\n')[0] : err}\n`);
  }
  process.exit(2);
});
