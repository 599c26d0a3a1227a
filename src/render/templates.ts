// Loads and compiles the report templates shipped in templates/report/.
// Each renderer gets its own Handlebars environment (Handlebars.create()),
// compiled in strict mode so a missing field throws instead of printing nothing.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/** templates/report/, resolved from src/render/ and from dist/render/ alike. */
const TEMPLATE_DIR = new URL('../../templates/report/', import.meta.url);

export type Env = ReturnType<typeof Handlebars.create>;

const cache = new Map<string, Handlebars.TemplateDelegate>();

export function loadTemplate(file: string, setup: (env: Env) => void): Handlebars.TemplateDelegate {
  let tpl = cache.get(file);
  if (!tpl) {
    const env = Handlebars.create();
    setup(env);
    const source = readFileSync(new URL(file, TEMPLATE_DIR), 'utf8');
    tpl = env.compile(source, { strict: true });
    cache.set(file, tpl);
  }
  return tpl;
}
