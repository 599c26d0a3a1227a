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
const { existsSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { isMainThread } = require('node:worker_threads');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'clausecheck.cjs');
const cacheFile = join(dist, 'clausecheck.cache');
const pdfBundle = join(dist, 'vendor', 'pdf-parse.cjs');
const pdfCacheFile = join(dist, 'vendor', 'pdf-parse.cache');

/** The code cache in `file`, unless absent (or a training run is about to write it). */
function cacheOf(file, writing) {
  if (writing) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs a CommonJS `file` through vm.Script with the code cache in `cache`, as a module whose require
 * resolves from the file and whose dynamic imports come back to this module's import(). When
 * `writeCache` names a file, the code cache is written there as the process exits.
 */
function runScript(file, source, cache, writeCache) {
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __clausecheckImport) {${source}\n})`, {
    filename: file,
    cachedData: cacheOf(cache, writeCache),
  });
  if (writeCache) process.once('exit', () => writeFileSync(writeCache, script.createCachedData()));
  const mod = { exports: {}, filename: file };
  script.runInThisContext().call(mod.exports, mod.exports, require('node:module').createRequire(file), mod, file, dirname(file), dynamicImport);
  return mod.exports;
}

let pdfParse;
/**
 * The bundle's import() of a package it leaves outside. pdf-parse comes from dist/vendor/pdf-parse.cjs
 * (pdf-parse and pdf.js in one file, scripts/build-bundle.mjs) with its code cache when the build made it.
 */
function dynamicImport(specifier) {
  if (specifier === 'pdf-parse' && (pdfParse || existsSync(pdfBundle))) {
    return new Promise((resolve) => {
      pdfParse ??= runScript(pdfBundle, readFileSync(pdfBundle, 'latin1'), pdfCacheFile, isMainThread ? process.env.CLAUSECHECK_WRITE_PDF_CODE_CACHE : undefined);
      resolve(pdfParse);
    });
  }
  return import(specifier);
}

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
  // The bundle's dynamic imports (of the packages it leaves outside) come back to dynamicImport.
  runScript(bundle, source, cacheFile, isMainThread ? process.env.CLAUSECHECK_WRITE_CODE_CACHE : undefined);
  return true;
}

let ran = false;
try {
  ran = runBundle();
} catch (err) {
  fail(err);
}
if (!ran) import(isMainThread ? '../dist/cli/main.js' : '../dist/cli/commands/check-pool.js').catch(fail);
