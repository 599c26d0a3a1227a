// `npm run build` step: precompile the report and clause templates into
// dist/templates.precompiled.cjs. Run from the built code: node dist/render/build-templates.js
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { TEMPLATE_DIR as CLAUSE_DIR, parseTemplate } from '../clauses/index.js';
import { type CompileOptions, PRECOMPILED_FILE, writePrecompiled } from '../templates.js';
import { reportTemplateSources } from './templates.js';

const clause: CompileOptions = { strict: true, noEscape: true };
const list: Array<{ source: string; opts: CompileOptions }> = [...reportTemplateSources()];
for (const perspective of ['buyer', 'provider']) {
  const dir = join(CLAUSE_DIR, perspective);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.hbs')).sort()) {
    const file = join(dir, name);
    const { meta, body } = parseTemplate(readFileSync(file, 'utf8'), file);
    list.push({ source: meta.caption, opts: clause }, { source: body, opts: clause });
  }
}
const defs = parseYaml(readFileSync(join(CLAUSE_DIR, 'definitions.yaml'), 'utf8')) as { definitions: Record<string, { term: string; means: string }> };
for (const d of Object.values(defs.definitions)) list.push({ source: d.term, opts: clause }, { source: d.means, opts: clause });
const n = writePrecompiled(PRECOMPILED_FILE, list);
process.stdout.write(`${n} templates precompiled into ${fileURLToPath(PRECOMPILED_FILE)}\n`);
