#!/usr/bin/env node
// Runs the built CLI (npm run build). Prefer `npx tsx src/cli/main.ts` while developing.
//
// The build bundles the CLI into dist/clausecheck.cjs (scripts/build-bundle.mjs); it runs here through
// vm.Script with the V8 code cache the build recorded, so start-up neither links a hundred modules
// nor compiles their code again. A cache V8 rejects (another Node) costs nothing but the compile; a
// bundle older than the compiled modules (tsc run alone) or absent is passed over for them.
//
// CommonJS (bin/package.json): an ES module as the entry would start Node's ES loader, which loads
// fs/promises, the streams and readline before the first line of the CLI runs.
'use strict';
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { isMainThread } = require('node:worker_threads');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'clausecheck.cjs');
const cacheFile = join(dist, 'clausecheck.cache');

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
    if (statSync(bundle).mtimeMs < statSync(join(dist, 'cli', 'main.js')).mtimeMs) return false;
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
  const mod = { exports: {}, filename: bundle };
  script.runInThisContext().call(mod.exports, mod.exports, require('node:module').createRequire(bundle), mod, bundle, dist, (specifier) => import(specifier));
  return true;
}

let ran = false;
try {
  ran = runBundle();
} catch (err) {
  fail(err);
}
if (!ran) import(isMainThread ? '../dist/cli/main.js' : '../dist/cli/commands/check-pool.js').catch(fail);
