// Loads the report templates shipped in templates/report/.
// Each renderer gets its own Handlebars environment (createEnv(): the runtime, templates precompiled),
// compiled in strict mode so a missing field throws instead of printing nothing.
import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import { type CompileOptions, type Env, compileTemplate, createEnv } from '../templates.js';

/** templates/report/, resolved from src/render/ and from dist/render/ alike. */
const TEMPLATE_DIR = new URL('../../templates/report/', import.meta.url);

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** The report templates as loadTemplate compiles them (for the build step). */
export function reportTemplateSources(): Array<{ source: string; opts: CompileOptions }> {
  return ['report.html.hbs', 'report.md.hbs'].map((f) => ({ source: readFileSync(new URL(f, TEMPLATE_DIR), 'utf8'), opts: { strict: true } }));
}

export function loadTemplate(file: string, setup: (env: Env) => void): Handlebars.TemplateDelegate {
  let tpl = cache.get(file);
  if (!tpl) {
    const env = createEnv();
    setup(env);
    const source = readFileSync(new URL(file, TEMPLATE_DIR), 'utf8');
    tpl = compileTemplate(env, source, { strict: true });
    cache.set(file, tpl);
  }
  return tpl;
}
