// `npm run build` step: precompile the report and clause templates into
// dist/templates.precompiled.cjs. Run from the built code: node dist/render/build-templates.js
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { CLAUSE_TEMPLATE_DATA, DEFINITIONS_DATA, TEMPLATE_DIR as CLAUSE_DIR, TERM_ORDER_DATA, parseTemplateSource, termOrder } from '../clauses/index.js';
import { BUILTIN_PLAYBOOKS, loadPlaybook } from '../playbook/index.js';
import { type CompileOptions, PRECOMPILED_FILE, writePrecompiled } from '../templates.js';
import { reportTemplateSources } from './templates.js';

const clause: CompileOptions = { strict: true, noEscape: true };
const list: Array<{ source: string; opts: CompileOptions }> = [...reportTemplateSources()];
// Parsed here so that a run needs no YAML parser for them (looked up by a hash of the file's text).
const data: Array<{ kind: string; source: string; value: unknown }> = [];
for (const perspective of ['buyer', 'provider']) {
  const dir = join(CLAUSE_DIR, perspective);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.hbs')).sort()) {
    const file = join(dir, name);
    const source = readFileSync(file, 'utf8');
    const { meta, body } = parseTemplateSource(source, file);
    data.push({ kind: CLAUSE_TEMPLATE_DATA, source, value: { meta, body } });
    list.push({ source: meta.caption, opts: clause }, { source: body, opts: clause });
  }
}
const defsText = readFileSync(join(CLAUSE_DIR, 'definitions.yaml'), 'utf8');
const defs = parseYaml(defsText) as { definitions: Record<string, { term: string; means: string }> };
data.push({ kind: DEFINITIONS_DATA, source: defsText, value: defs });
for (const d of Object.values(defs.definitions)) list.push({ source: d.term, opts: clause }, { source: d.means, opts: clause });
// The built-in playbooks' defined terms in collation order (a run sorts definitions without ICU).
for (const name of BUILTIN_PLAYBOOKS) {
  const order = termOrder(loadPlaybook(name));
  if (order) data.push({ kind: TERM_ORDER_DATA, source: order.source, value: order.value });
}
const n = writePrecompiled(PRECOMPILED_FILE, list, data);
process.stdout.write(`${n} templates precompiled (and ${data.length} files parsed) into ${fileURLToPath(PRECOMPILED_FILE)}\n`);
