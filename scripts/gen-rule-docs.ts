// npm run docs:rules — regenerate docs/rules/ from the rule files.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR } from '../src/check/index.js';
import { ruleDocs } from '../src/rules/docs.js';
import { loadRules } from '../src/rules/load.js';

const dir = 'docs/rules';
mkdirSync(dir, { recursive: true });
const files = ruleDocs(loadRules(DEFAULT_RULES_DIR));
for (const f of readdirSync(dir)) if (!files.has(f)) rmSync(join(dir, f));
for (const [name, body] of files) writeFileSync(join(dir, name), body);
console.log(`wrote ${files.size} files to ${dir}`);
