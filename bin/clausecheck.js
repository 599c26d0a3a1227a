#!/usr/bin/env node
// Runs the built CLI (npm run build). Prefer `npx tsx src/cli/main.ts` while developing.
//
// The build bundles the CLI into dist/clausecheck.cjs (scripts/build-bundle.mjs); it runs here through
// vm.Script with the V8 code cache the build recorded, so start-up neither links a hundred modules
// nor compiles their code again. A cache V8 rejects (another Node) costs nothing but the compile; a
// bundle older than the compiled modules (tsc run alone) or absent is passed over for them.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/clausecheck.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('../dist/clausecheck.cache', import.meta.url));

function fail(err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('clausecheck: not built yet; run `npm run build` first\n');
  } else {
    process.stderr.write(`clausecheck: ${err && err.message ? err.message.split('\n')[0] : err}\n`);
  }
  process.exit(2);
}

/** The bundle compiled and run as a CommonJS module; false when there is no current bundle. */
function runBundle() {
  let source;
  try {
    if (statSync(bundle).mtimeMs < statSync(new URL('../dist/cli/main.js', import.meta.url)).mtimeMs) return false;
    source = readFileSync(bundle, 'latin1');
  } catch {
    return false;
  }
  let cachedData;
  const writeCache = isMainThread ? process.env.CLAUSECHECK_WRITE_CODE_CACHE : undefined;
  if (!writeCache) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // The bundle's dynamic imports (of the packages it leaves outside) come back here, to this module's import().
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __clausecheckImport) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  if (writeCache) process.once('exit', () => writeFileSync(writeCache, script.createCachedData()));
  const module = { exports: {}, filename: bundle };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle), (specifier) => import(specifier));
  return true;
}

let ran = false;
try {
  ran = runBundle();
} catch (err) {
  fail(err);
}
if (!ran) import(isMainThread ? '../dist/cli/main.js' : '../dist/cli/commands/check-pool.js').catch(fail);
