// The validated-pack cache: parsing ~300 KB of YAML costs more than the rest of a check, so a
// validated pack is kept (keyed by the content of every file) in the temp folder and reused while
// nothing changes.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type DefinedTerms, ENGINE_VERSION, type RuleDef, type RuleSet } from './rule-def.js';

/**
 * The folder for the validated-pack cache: a folder of this user's own in the temp folder (mode 700),
 * so another user of a shared /tmp can neither plant a cache (cached packs are not validated again)
 * nor redirect a write through a link. Undefined (no cache) when it is not safely ours.
 */
function privateCacheDir(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid === undefined) return tmpdir(); // Windows: the temp folder is per user
  const dir = join(tmpdir(), `clausecheck-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return dir;
}

/** The cache file for these pack files (undefined when there is no safe cache folder). */
export function cacheFileFor(root: string, files: string[]): string | undefined {
  const hash = createHash('sha256').update(`engine ${ENGINE_VERSION} schema 5\n`);
  for (const f of files) hash.update(`${relative(root, f)}\n`).update(readFileSync(f)).update('\n');
  const dir = privateCacheDir();
  return dir && join(dir, `clausecheck-rules-${hash.digest('hex').slice(0, 32)}.json`);
}

export function readCache(cacheFile: string, root: string): RuleSet | undefined {
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { rules: RuleDef[]; terms: Array<[string, Array<[string, string[]]>]>; definedTerms?: DefinedTerms };
    return { rules: cached.rules, terms: new Map(cached.terms.map(([k, v]) => [k, new Map(v)])), ...(cached.definedTerms ? { definedTerms: cached.definedTerms } : {}), root };
  } catch {
    return undefined; // no cache yet, or unreadable: load from YAML
  }
}

export function writeCache(cacheFile: string, set: RuleSet): void {
  const tmp = `${cacheFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ rules: set.rules, terms: [...set.terms].map(([k, v]) => [k, [...v]]), definedTerms: set.definedTerms }), { flag: 'wx', mode: 0o600 });
    renameSync(tmp, cacheFile);
  } catch {
    // a full or read-only temp folder only costs speed
    rmSync(tmp, { force: true });
  }
}
