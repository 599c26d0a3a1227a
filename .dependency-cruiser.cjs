// The layers of /work/shared/spec/design.md as rules, checked in CI by `npm run depcheck`.
// Imports only point down: core → pipeline → features → faces. Inside pipeline and features the
// folders are ordered too (a folder imports only folders listed before it), so no two folders
// import each other even when no single file circle exists. `import type` counts like any import.
/** Files of the core layer: types, catalog, file io, errors (InputError lives in types.ts), template compilation, and src/load/ (the one YAML/JSON/CSV + schema loader). */
const CORE = '^src/((types|catalog|read-file|write-file|zip-guard|version|templates)[.]ts$|load/)';
/** Pipeline folders, in data-flow order: file → SourceDocument → segments → rule objects → findings. */
const PIPELINE = ['ingest', 'segment', 'rules', 'engine'];
/** Feature folders, each above the ones before it (clauses reads playbooks; questionnaire and risk run check). */
const FEATURES = ['playbook', 'clauses', 'check', 'rules-test', 'questionnaire', 'risk', 'register'];
/** Faces: the CLI, the formatters, the review page and the library API (src/index.ts). */
const FACES = ['cli', 'render', 'server'];

const dirs = (names) => `^src/(${names.join('|')})/`;

/** For an ordered list of folders: no folder may import a folder listed after it. */
function ordered(layer, names) {
  return names.slice(0, -1).map((name, i) => ({
    name: `${layer}-order-${name}`,
    comment: `${layer} folders are ordered ${names.join(' → ')}: src/${name}/ may not import the ones after it`,
    severity: 'error',
    from: { path: `^src/${name}/` },
    to: { path: dirs(names.slice(i + 1)) },
  }));
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no file may reach itself through its imports',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-project-code',
      comment: 'core (types, catalog, file io) imports nothing of the project but core',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/', pathNot: CORE },
    },
    {
      name: 'src-root-is-core-or-api',
      comment: 'a file directly under src/ is core or the library API (src/index.ts); anything else gets a folder in its layer',
      severity: 'error',
      from: { path: '^src/[^/]+$', pathNot: [CORE, '^src/index[.]ts$'] },
      to: { path: '^src/' },
    },
    {
      name: 'pipeline-not-up',
      comment: 'pipeline (ingest, segment, rules, engine) imports only core and earlier pipeline stages',
      severity: 'error',
      from: { path: dirs(PIPELINE) },
      to: { path: [dirs([...FEATURES, ...FACES]), '^src/index[.]ts$'] },
    },
    ...ordered('pipeline', PIPELINE),
    {
      name: 'features-not-up',
      comment: 'features import core, pipeline and features below them, never a face (cli, render, server, index.ts)',
      severity: 'error',
      from: { path: dirs(FEATURES) },
      to: { path: [dirs(FACES), '^src/index[.]ts$'] },
    },
    ...ordered('features', FEATURES),
    {
      name: 'render-not-cli',
      comment: 'the formatters know nothing of the command line or the library entry',
      severity: 'error',
      from: { path: '^src/(render|server)/' },
      to: { path: ['^src/cli/', '^src/index[.]ts$'] },
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'src/ is shipped: it may not import a devDependency (tsx, vitest, playwright-core, ...)',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-undeclared-packages',
      comment: 'every package src/ imports is declared in package.json dependencies',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown', 'unknown', 'undetermined'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
