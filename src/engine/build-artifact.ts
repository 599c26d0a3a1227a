// `npm run build` step: compile the shipped rule packs (../../rules from dist/engine/) into
// dist/rules.compiled.json. Run from the built code: node dist/engine/build-artifact.js
import { fileURLToPath } from 'node:url';
import { loadRules } from '../rules/load.js';
import { DEFAULT_ARTIFACT, writeArtifact } from './artifact.js';
import { compileRules } from './compile.js';

const rulesDir = fileURLToPath(new URL('../../rules', import.meta.url));
writeArtifact(compileRules(loadRules(rulesDir)), rulesDir, DEFAULT_ARTIFACT);
process.stdout.write(`rules compiled into ${fileURLToPath(DEFAULT_ARTIFACT)}\n`);
