// Handlebars compilation shared by the report renderers and the clause library.
// Templates are precompiled at `npm run build` (dist/templates.precompiled.cjs: Handlebars'
// precompiled specs keyed by a hash of source and options); compileTemplate() uses the spec when
// one matches and compiles at run time otherwise (running from the sources, an edited template).
// Environments are made from Handlebars' runtime (no compiler): the compiler is loaded only when a
// template has no precompiled spec. The same file carries data the build parsed from shipped files
// (clause template headers, the definitions file), keyed by a hash of the text it was parsed from,
// so that a run parses no YAML for them while the files are unchanged.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';

/** dist/templates.precompiled.cjs beside the built code (absent beside the sources). */
export const PRECOMPILED_FILE = new URL('./templates.precompiled.cjs', import.meta.url);

export type Env = ReturnType<typeof Handlebars.create>;
export interface CompileOptions {
  strict?: boolean;
  noEscape?: boolean;
}

const require = createRequire(import.meta.url);

/**
 * In the bundled CLI (scripts/build-bundle.mjs), the modules a run would require from dist/ or
 * node_modules at run time that the build put into the bundle (covered by its code cache): the
 * precompiled templates and Handlebars' runtime. Undefined elsewhere.
 */
declare const __clausecheckEmbedded: ((name: string) => unknown) | undefined;
function embedded(name: string): unknown {
  return typeof __clausecheckEmbedded === 'function' ? __clausecheckEmbedded(name) : undefined;
}

/** The full Handlebars (compiler included), loaded on first need. */
export function handlebarsCompiler(): typeof Handlebars {
  return require('handlebars') as typeof Handlebars;
}

/**
 * A fresh Handlebars environment. Built from the runtime alone (a quarter of the library) unless
 * there is no precompiled file to run templates from; compileTemplate() still compiles into it.
 */
export function createEnv(): Env {
  const hb = (precompiled() ? (embedded('handlebars/runtime') ?? require('handlebars/runtime')) : handlebarsCompiler()) as typeof Handlebars;
  return hb.create();
}

export function templateKey(source: string, opts: CompileOptions): string {
  return createHash('sha256').update(JSON.stringify([source, opts.strict === true, opts.noEscape === true])).digest('hex').slice(0, 32);
}

/** Key of data parsed at build from `source` (a file's text) by the parser named `kind`. */
export function dataKey(kind: string, source: string): string {
  return `data:${createHash('sha256').update(JSON.stringify([kind, source])).digest('hex').slice(0, 32)}`;
}

let specs: Record<string, unknown> | null | undefined;
function precompiled(): Record<string, unknown> | null {
  if (specs === undefined) {
    try {
      specs = (embedded('templates.precompiled.cjs') ?? require(PRECOMPILED_FILE.pathname)) as Record<string, unknown>;
    } catch {
      specs = null;
    }
  }
  return specs;
}

/** `env.compile(source, opts)`, from the build's precompiled spec when there is one. */
export function compileTemplate(env: Env, source: string, opts: CompileOptions): Handlebars.TemplateDelegate {
  const spec = precompiled()?.[templateKey(source, opts)];
  if (spec) return env.template(spec as Parameters<Env['template']>[0]);
  // The environment may be a runtime one (no compile): compile to a spec and load that, which is
  // what Handlebars' own compile does.
  const code = handlebarsCompiler().precompile(source, { strict: opts.strict === true, noEscape: opts.noEscape === true });
  return env.template(new Function(`return ${String(code)}`)() as Parameters<Env['template']>[0]);
}

/**
 * What the build parsed from `source` with the parser named `kind` (see writePrecompiled's `data`),
 * or undefined when the build did not see this exact text. The value is shared: do not change it.
 */
export function precompiledData<T>(kind: string, source: string): T | undefined {
  return precompiled()?.[dataKey(kind, source)] as T | undefined;
}

/**
 * Build step: write the precompiled specs of (source, options) pairs, and data parsed from sources
 * (JSON values), as a CommonJS module.
 */
export function writePrecompiled(
  file: string | URL,
  templates: Array<{ source: string; opts: CompileOptions }>,
  data: Array<{ kind: string; source: string; value: unknown }> = [],
): number {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const t of templates) {
    const key = templateKey(t.source, t.opts);
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(`${JSON.stringify(key)}: ${handlebarsCompiler().precompile(t.source, { strict: t.opts.strict === true, noEscape: t.opts.noEscape === true })}`);
  }
  const n = parts.length;
  for (const d of data) {
    const key = dataKey(d.kind, d.source);
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(`${JSON.stringify(key)}: ${JSON.stringify(d.value)}`);
  }
  writeFileSync(file, `// Generated by npm run build (src/templates.ts): precompiled Handlebars templates.\nmodule.exports = {\n${parts.join(',\n')}\n};\n`);
  return n;
}
