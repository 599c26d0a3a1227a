// `npm run build` step, after tsc: bundle the compiled CLI (dist/cli/entry.js and everything it
// imports, yargs and re2js included) into one CommonJS file, dist/clausecheck.cjs, and record a V8
// code cache for it (dist/clausecheck.cache) from a training run. bin/clausecheck.js runs the bundle
// through vm.Script with that cache, so a one-file check neither resolves and links a hundred ES
// modules nor compiles their functions again; without the bundle it imports dist/cli/main.js.
//
// Kept outside the bundle: native better-sqlite3 and the heavy readers and writers, which are
// imported only when a file needs them (a dynamic import() stays a real import, made by the bin
// script), and libraries the code loads through createRequire at run time (yaml, ajv, the Handlebars
// compiler, the generated validators). Handlebars' runtime and the precompiled templates are inside.
// `import.meta.url` of each bundled module is rewritten to that module's own URL, computed from the
// bundle's folder at run time, so every path relative to a module (rules/, templates/, schemas/,
// dist/*.json, workers) resolves as it does unbundled.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
export const BUNDLE = join(dist, 'clausecheck.cjs');
export const CACHE = join(dist, 'clausecheck.cache');

/**
 * Packages left outside the bundle (with their subpaths), except the modules in BUNDLED. A static
 * import of one becomes a require() run when the importing module first loads, so only packages a
 * require() gives the same module as an import may be here: CommonJS ones, and dual ones whose
 * CommonJS build is the same code (docx). ES-only packages and csv-parse are bundled, except those
 * of SIDE_BUNDLES.
 */
const EXTERNAL = new Set([
  'better-sqlite3',
  'pdf-parse',
  '@embedpdf/pdfium',
  'tesseract.js',
  'mammoth',
  'exceljs',
  'docx',
  'jszip',
  '@xmldom/xmldom',
  'handlebars',
  'yaml',
  'ajv',
]);
const BUNDLED = new Set(['handlebars/runtime']);

/**
 * ES-only packages that a check never loads, each bundled into a CommonJS file of its own in dist/
 * (whose module.exports is the package's default export) and required from the bundle when first
 * imported: any-ascii (half a megabyte of transliteration tables, for screening) would otherwise be
 * a quarter of the bundle every run reads.
 */
const SIDE_BUNDLES = { 'any-ascii': 'vendor/any-ascii.cjs' };

const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (Object.hasOwn(SIDE_BUNDLES, args.path)) return { path: `./${SIDE_BUNDLES[args.path]}`, external: true };
      const parts = args.path.split('/');
      const pkg = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (EXTERNAL.has(pkg) && !BUNDLED.has(args.path)) return { path: args.path, external: true };
      return undefined;
    });
  },
};

/** Rewrites `import.meta.url` to the module's own file URL, from the bundle's folder at run time. */
const metaUrl = {
  name: 'module-url',
  setup(b) {
    b.onLoad({ filter: /\.(js|mjs|cjs)$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(dist, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `__clausecheckModuleUrl(${JSON.stringify(rel)})`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * string-width (imported by yargs, cliui and wrap-ansi) builds a grapheme segmenter and Unicode
 * property regexes as it loads, a tenth of a check's start-up, for help text a check never prints.
 * Each import of it gets a stand-in that loads the real module on the first call.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { real: true } });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let real;\nexport default function stringWidth(...args) {\n  real ??= require(${JSON.stringify(args.path)}).default;\n  return real(...args);\n}\n`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * yargs imports two functions of node:assert (to check its own arguments on every parse), and
 * node:assert loads its error formatting with it: each import of it from yargs gets stand-ins that
 * compare as the real ones do (Object.is) and call the real module only to throw its error.
 */
const lazyAssert = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) => (/[\\/]node_modules[\\/]yargs[\\/]/.test(args.importer) ? { path: 'assert', namespace: 'lazy-assert' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents:
        "let real;\nconst assert = () => (real ??= require('node:assert'));\n" +
        'export function notStrictEqual(actual, expected, message) {\n  if (!Object.is(actual, expected)) return;\n  assert().notStrictEqual(actual, expected, message);\n}\n' +
        'export function strictEqual(actual, expected, message) {\n  if (Object.is(actual, expected)) return;\n  assert().strictEqual(actual, expected, message);\n}\n',
      loader: 'js',
    }));
  },
};

// Modules the code requires at run time by computed path (src/templates.ts asks for them through
// __clausecheckEmbedded first): in the bundle, so that the code cache covers them too. Their
// contents are keyed by hashes of their sources, so a copy older than dist/ only misses keys.
const EMBED = join(dist, '.bundle-embedded.mjs');
writeFileSync(
  EMBED,
  `export function __clausecheckEmbedded(name) {
  switch (name) {
    case 'templates.precompiled.cjs': return require('./templates.precompiled.cjs');
    case 'handlebars/runtime': return require('handlebars/runtime');
    default: return undefined;
  }
}
`,
);

/**
 * pdf-parse with pdf.js (its main module and its worker module, which pdf.js would import on the
 * first document) in one CommonJS file that bin/clausecheck.js runs, with a code cache of its own
 * (PDF_CACHE, from a training run on a sample PDF), when the bundle imports pdf-parse: an ES import
 * of pdf.js compiles three megabytes of code on every run that reads a PDF with it. The worker module
 * sets globalThis.pdfjsWorker, which pdf.js then uses in place of importing it. `import.meta.url` is
 * pdf.js's own folder, found from the bundle's at run time; the two dynamic imports pdf.js makes in
 * Node (the worker, not needed now, and a JPEG 2000 fallback) go to the bin script's import().
 */
/** esbuild options shared by the bundles of third-party packages the CLI bundle loads beside it. */
const SIDE_BUILD = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
};

export const PDF_BUNDLE = join(dist, 'vendor', 'pdf-parse.cjs');
export const PDF_CACHE = join(dist, 'vendor', 'pdf-parse.cache');

async function buildPdfBundle() {
  rmSync(PDF_BUNDLE, { force: true });
  const fromRoot = createRequire(join(root, 'package.json'));
  const pdfParse = fromRoot.resolve('pdf-parse');
  const pdfjs = createRequire(pdfParse).resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const worker = join(dirname(pdfjs), 'pdf.worker.mjs');
  if (!existsSync(worker)) return;
  const pdfjsRel = relative(dirname(PDF_BUNDLE), pdfjs).split(sep).join('/');
  const side = await build({
    stdin: { contents: `export { PDFParse } from 'pdf-parse';\nimport ${JSON.stringify(worker)};\n`, resolveDir: root, loader: 'js' },
    ...SIDE_BUILD,
    define: { 'import.meta.url': '__pdfjsUrl' },
    banner: { js: `const __pdfjsUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(pdfjsRel)})).href;` },
    write: false,
  });
  if (side.errors.length) process.exit(1);
  const code = side.outputFiles[0].text;
  // The bin script reads it as latin1, as the CLI bundle; a pdf.js with characters it cannot escape runs as an ES import.
  if (/[^\x00-\x7f]/.test(code)) {
    process.stderr.write('build-bundle: pdf.js has non-ASCII characters; it is imported as an ES module\n');
    return;
  }
  mkdirSync(dirname(PDF_BUNDLE), { recursive: true });
  // `await import("..."` with a literal is pdf.js's browser code (a worker wrapper built as a string).
  writeFileSync(PDF_BUNDLE, code.replace(/\bawait import\((?!")/g, 'await __clausecheckImport('), 'latin1');
}

rmSync(CACHE, { force: true });
rmSync(PDF_CACHE, { force: true });
await buildPdfBundle();
for (const [pkg, file] of Object.entries(SIDE_BUNDLES)) {
  const side = await build({
    stdin: { contents: `import m from ${JSON.stringify(pkg)};\nmodule.exports = m;\n`, resolveDir: root, loader: 'js' },
    outfile: join(dist, file),
    ...SIDE_BUILD,
  });
  if (side.errors.length) process.exit(1);
}
const result = await build({
  entryPoints: [join(dist, 'cli', 'entry.js')],
  outfile: BUNDLE,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  inject: [EMBED],
  plugins: [externals, metaUrl, lazyStringWidth, lazyAssert],
  define: { CLAUSECHECK_BUNDLED: 'true' },
  // module.filename, not __dirname: a bundled module may declare a `__dirname` of its own (yargs does),
  // which esbuild's scope hoisting leaves in the bundle's top scope.
  banner: {
    js: "const __clausecheckDist = require('node:path').dirname(module.filename);\nconst __clausecheckModuleUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__clausecheckDist, p)).href;",
  },
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  write: false,
});
rmSync(EMBED, { force: true });
if (result.errors.length) process.exit(1);

// Pure ASCII, so that the bin script reads it as latin1 into a one-byte string (UTF-8 decoding of a
// bundle with a few curly quotes in its regexes gives a two-byte string, and costs more than the
// read). esbuild escapes non-ASCII characters in strings but not in regular expression literals:
// \uXXXX means the same character there, except after a backslash or inside String.raw, where the
// bundle is left unbundled rather than changed in meaning.
const code = result.outputFiles[0].text;
const unsafe = /\\[^\x00-\x7f]/.test(code) || /String\.raw`[^`]*[^\x00-\x7f]/.test(code);
rmSync(BUNDLE, { force: true });
if (unsafe) {
  process.stderr.write('build-bundle: a non-ASCII character the bundle cannot escape; the CLI runs unbundled\n');
  process.exit(0);
}
// Dynamic imports of the packages left outside (pdf-parse, pdfium, tesseract.js, node:fs in the
// addendum writer) go through the bin script's own import(): code V8 revives from a code cache has
// no dynamic import callback of its own (Node 20). esbuild prints them as import("name").
const imports = code.match(/\bimport\("/g)?.length ?? 0;
writeFileSync(
  BUNDLE,
  code.replace(/\bimport\("/g, '__clausecheckImport("').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  'latin1',
);

// The training run: a check of a sample contract (one process), whose compiled functions the bin
// script writes as the code cache when CLAUSECHECK_WRITE_CODE_CACHE names the file. A function the
// run did not compile is compiled when first called, as without a cache.
const sample = join(root, 'samples', 'weak-vendor-msa.txt');
if (existsSync(sample)) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'clausecheck.js'), 'check', sample, '--format', 'json', '--fail-on', 'none'], {
    cwd: root,
    env: { ...process.env, CLAUSECHECK_WRITE_CODE_CACHE: CACHE },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    rmSync(CACHE, { force: true });
    process.stderr.write(`build-bundle: the training run exited ${r.status}; no code cache written\n`);
  }
}
// The same for pdf.js: a check of a sample PDF read by it, whose run writes PDF_CACHE.
const samplePdf = join(root, 'samples', 'weak-vendor-msa.pdf');
if (existsSync(PDF_BUNDLE) && existsSync(samplePdf)) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'clausecheck.js'), 'check', samplePdf, '--pdf-reader', 'pdfjs', '--format', 'json', '--fail-on', 'none'], {
    cwd: root,
    env: { ...process.env, CLAUSECHECK_WRITE_PDF_CODE_CACHE: PDF_CACHE },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    rmSync(PDF_CACHE, { force: true });
    process.stderr.write(`build-bundle: the pdf.js training run exited ${r.status}; no code cache written for it\n`);
  }
}
process.stdout.write(`CLI bundled into ${relative(root, BUNDLE)} (${imports} dynamic imports of unbundled modules)${existsSync(CACHE) ? ` (code cache ${relative(root, CACHE)})` : ''}\n`);
if (existsSync(PDF_BUNDLE)) process.stdout.write(`pdf-parse and pdf.js bundled into ${relative(root, PDF_BUNDLE)}${existsSync(PDF_CACHE) ? ` (code cache ${relative(root, PDF_CACHE)})` : ''}\n`);
