// Restricted-party list readers (one job, longer than 300 lines because each list format needs its own
// column mapping). Formats, detected from the content:
//   csl-csv    US Consolidated Screening List CSV (header row; columns found by name)
//   csl-json   the same list as JSON ({ results: [...], sources_used: [...] })
//   ofac-sdn   OFAC sdn.csv (no header, 12 columns, "-0-" for empty); alt.csv (aliases) and add.csv
//              (addresses) are joined to it by entity number
//   names-csv  a plain CSV of names (header with a `name` column, or no header: name[,country])
//   names-json a JSON array of names or of { name, aliases?, country?, source?, programs? }
//   ftm-jsonl  OpenSanctions FollowTheMoney entities, one per line (also a delta file of { op, entity });
//              only screening targets, not counter-sanctions; name + alias + previousName, never weakAlias
// JSON lists are checked field by field: a wrong shape is one line naming the file and the field.
// Every list is recorded with its file name, date (a date in the file, else its mtime) and SHA-256.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { assertNesting, readBounded } from '../../read-file.js';
import { InputError } from '../../types.js';
import { countryCode } from '../countries.js';
import { readCsv as readCsvRecords } from '../../load/csv.js';
import { parse } from 'csv-parse/sync';

export type ListFormat = 'csl-csv' | 'csl-json' | 'ofac-sdn' | 'ofac-alt' | 'ofac-add' | 'ftm-jsonl' | 'names-csv' | 'names-json';

export interface ListEntry {
  /** File name of the list the entry came from. */
  list: string;
  /** The list inside the file ("Entity List (EL) - Bureau of Industry and Security", "OFAC SDN"...). */
  source: string;
  id: string;
  type: string;
  name: string;
  aliases: string[];
  programs: string[];
  /** ISO alpha-2 codes (or the spelled name when unknown) from addresses, nationalities, citizenships. */
  countries: string[];
}

export interface ListInfo {
  /** The path as given. */
  file: string;
  name: string;
  format: ListFormat;
  entries: number;
  /** YYYY-MM-DD. */
  date: string;
  dateSource: 'file' | 'mtime';
  sha256: string;
}

export interface LoadedLists {
  lists: ListInfo[];
  entries: ListEntry[];
}

const MAX_BYTES = 512 * 1024 * 1024;

const empty = (v: string | undefined): string => {
  const t = (v ?? '').trim();
  return t === '-0-' ? '' : t;
};
const splitSemi = (v: string | undefined): string[] =>
  empty(v)
    .split(/\s*;\s*/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** One copy of strings that repeat across rows (list names, programs, countries, types). */
const interned = new Map<string, string>();
function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size < 100_000) interned.set(s, s);
  return s;
}
const internAll = (xs: string[]): string[] => (xs.length === 0 ? NONE : xs.map(intern));
const NONE: string[] = Object.freeze([]) as unknown as string[];
const orNone = (xs: string[]): string[] => (xs.length === 0 ? NONE : xs);

function uniq(xs: string[]): string[] {
  return [...new Set(xs.filter((x) => x !== ''))];
}

function toCountries(xs: string[]): string[] {
  return uniq(xs.map((x) => countryCode(x) ?? x.trim().toUpperCase()));
}

/** The country at the end of a CSL address string ("street, city, state, postal, CN"). */
function addressCountry(addr: string): string | undefined {
  const parts = addr.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  return countryCode(last);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

interface RawList {
  info: ListInfo;
  entries: ListEntry[];
  /** alt.csv / add.csv rows waiting for their SDN entries. */
  ofacAliases?: Array<{ ent: string; name: string }>;
  ofacAddresses?: Array<{ ent: string; country: string }>;
}

/** What a binary file is (a PDF, a spreadsheet...), or undefined for text. */
function binaryKind(buf: Buffer): string | undefined {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'this is a PDF';
  if (buf[0] === 0x50 && buf[1] === 0x4b) return 'this is a zip archive (an XLSX workbook? save it as CSV)';
  if (buf.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) return 'this is an old binary Office file (save it as CSV)';
  if (buf.includes(0)) return 'this is a binary file (it holds NUL bytes)';
  return undefined;
}

/** The file's text and SHA-256 (the bytes are dropped before parsing: a large list needs the room). */
function readText(file: string): { text: string; sha256: string } {
  const buf = readBounded(file, MAX_BYTES, 'list file');
  const binary = binaryKind(buf);
  if (binary) throw new InputError(file, `${binary}, not a list file (CSV or JSON text)`);
  return { text: buf.toString('utf8'), sha256: createHash('sha256').update(buf).digest('hex') };
}

function readList(file: string): RawList {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(file, 'list file not found');
  }
  if (st.isDirectory()) throw new InputError(file, 'is a folder, expected a list file (.csv or .json)');
  if (st.size > MAX_BYTES) throw new InputError(file, `list file is larger than ${MAX_BYTES / 1048576} MB`);
  const { text, sha256 } = readText(file);
  const name = basename(file);
  const info: ListInfo = { file, name, format: 'names-csv', entries: 0, date: isoDay(st.mtime), dateSource: 'mtime', sha256 };
  const trimmed = text.replace(/^\ufeff/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return readJson(file, trimmed, info);
  return readCsv(file, text, info);
}

// ---- JSON: checked field by field (a wrong shape names the file and the field, never crashes) ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A string list field: an array of strings, a "; "-separated string, or null / missing / "" (all "none"). */
function strList(file: string, where: string, v: unknown): string[] {
  if (v === null || v === undefined || v === '') return [];
  if (typeof v === 'string') return splitSemi(v);
  if (Array.isArray(v)) {
    return v.flatMap((x, i) => {
      if (x === null || x === '') return [];
      if (typeof x === 'string' || typeof x === 'number') return [String(x).trim()].filter((t) => t !== '');
      throw new InputError(file, `${where}[${i}]: expected a string, got ${kindOf(x)}`);
    });
  }
  throw new InputError(file, `${where}: expected a list of strings, got ${kindOf(v)}`);
}

function optStr(file: string, where: string, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  throw new InputError(file, `${where}: expected a string, got ${kindOf(v)}`);
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Clean a listed name: ISN's "; and any successor, sub-unit, or subsidiary thereof" tail; UVL's ", a.k.a. X" parts. */
function splitListedName(name: string): { name: string; aliases: string[] } {
  const n = name.replace(/[;,]\s*and any successor.*$/i, '').trim();
  const parts = n.split(/,?\s+a\.k\.a\.?,?\s+/i).map((x) => x.trim()).filter((x) => x !== '');
  return { name: parts[0] ?? n, aliases: parts.slice(1) };
}

/** One CSL result object (the API / bulk JSON shape), checked. */
function cslObject(file: string, where: string, r: unknown, info: ListInfo, i: number): ListEntry | undefined {
  if (!isObj(r)) throw new InputError(file, `${where}: expected an object, got ${kindOf(r)}`);
  const rawName = optStr(file, `${where}.name`, r.name);
  if (!rawName) return undefined;
  const { name, aliases: embedded } = splitListedName(rawName);
  let addrs: unknown[] = [];
  if (r.addresses !== null && r.addresses !== undefined && r.addresses !== '') {
    if (!Array.isArray(r.addresses)) throw new InputError(file, `${where}.addresses: expected a list, got ${kindOf(r.addresses)}`);
    addrs = r.addresses;
  }
  const countries: string[] = [];
  addrs.forEach((a, k) => {
    if (a === null) return;
    if (typeof a === 'string') {
      const c = addressCountry(a);
      if (c) countries.push(c);
      return;
    }
    if (!isObj(a)) throw new InputError(file, `${where}.addresses[${k}]: expected an object, got ${kindOf(a)}`);
    const c = optStr(file, `${where}.addresses[${k}].country`, a.country);
    if (c) countries.push(c);
  });
  countries.push(...strList(file, `${where}.nationalities`, r.nationalities), ...strList(file, `${where}.citizenships`, r.citizenships));
  const single = optStr(file, `${where}.country`, r.country);
  if (single) countries.push(single);
  return {
    list: info.name,
    source: optStr(file, `${where}.source`, r.source) || 'CSL',
    id: optStr(file, `${where}.id`, r.id ?? r._id ?? r.entity_number) || String(i + 1),
    type: optStr(file, `${where}.type`, r.type),
    name,
    aliases: uniq([...strList(file, `${where}.alt_names`, r.alt_names), ...embedded].filter((x) => x !== name)),
    programs: strList(file, `${where}.programs`, r.programs),
    countries: toCountries(countries),
  };
}

/** A JSON object that looks like a CSL result (not a plain { name } entry). */
function looksCsl(o: unknown): boolean {
  return isObj(o) && typeof o.name === 'string' && ('source' in o || 'entity_number' in o || 'source_list_url' in o || 'source_information_url' in o);
}

function readJson(file: string, text: string, info: ListInfo): RawList {
  assertNesting(file, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length > 1 && lines[0]!.trim().startsWith('{')) return readFtm(file, lines, info);
    throw new InputError(file, `invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (isObj(data) && ('schema' in data || 'op' in data) && !('results' in data) && !('entries' in data)) return readFtm(file, [text], info);
  const entries: ListEntry[] = [];
  const cslArray = Array.isArray(data) && data.length > 0 && looksCsl(data.find((x) => isObj(x)));
  if ((isObj(data) && 'results' in data) || cslArray) {
    info.format = 'csl-json';
    let results: unknown[];
    if (cslArray) results = data as unknown[];
    else {
      const d = data as Obj;
      if (!Array.isArray(d.results)) throw new InputError(file, `results: expected a list of CSL entries, got ${kindOf(d.results)}`);
      results = d.results;
      if (d.sources_used !== undefined && d.sources_used !== null) {
        if (!Array.isArray(d.sources_used)) throw new InputError(file, `sources_used: expected a list of { source, source_last_updated }, got ${kindOf(d.sources_used)}`);
        const dates = d.sources_used
          .map((u, k) => {
            if (!isObj(u)) throw new InputError(file, `sources_used[${k}]: expected an object, got ${kindOf(u)}`);
            return optStr(file, `sources_used[${k}].source_last_updated`, u.source_last_updated ?? u.last_imported).slice(0, 10);
          })
          .filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x))
          .sort();
        if (dates.length) {
          info.date = dates[dates.length - 1]!;
          info.dateSource = 'file';
        }
      }
    }
    results.forEach((r, i) => {
      const e = cslObject(file, `results[${i}]`, r, info, i);
      if (e) entries.push(e);
    });
  } else {
    info.format = 'names-json';
    let items: unknown[];
    if (Array.isArray(data)) items = data;
    else if (isObj(data) && 'entries' in data) {
      if (!Array.isArray(data.entries)) throw new InputError(file, `entries: expected a list, got ${kindOf(data.entries)}`);
      items = data.entries;
      if (typeof data.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(data.date)) {
        info.date = data.date.slice(0, 10);
        info.dateSource = 'file';
      }
    } else throw new InputError(file, 'unknown JSON list: expected a CSL export ({ "results": [...] } or a list of CSL entries), OpenSanctions entities (JSON lines), an array of names, or { "entries": [...] }');
    items.forEach((it, i) => {
      if (typeof it === 'string') {
        if (it.trim()) entries.push({ list: info.name, source: info.name, id: String(i + 1), type: '', name: it.trim(), aliases: [], programs: [], countries: [] });
        return;
      }
      if (!isObj(it) || typeof it.name !== 'string') throw new InputError(file, `entry ${i + 1} has no "name"`);
      const w = `entries[${i}]`;
      entries.push({
        list: info.name,
        source: optStr(file, `${w}.source`, it.source) || info.name,
        id: optStr(file, `${w}.id`, it.id) || String(i + 1),
        type: optStr(file, `${w}.type`, it.type),
        name: it.name.trim(),
        aliases: uniq([...strList(file, `${w}.aliases`, it.aliases), ...strList(file, `${w}.alt_names`, it.alt_names)]),
        programs: strList(file, `${w}.programs`, it.programs),
        countries: toCountries([...strList(file, `${w}.country`, it.country), ...strList(file, `${w}.countries`, it.countries)]),
      });
    });
  }
  info.entries = entries.length;
  return { info, entries };
}

// ---- OpenSanctions FollowTheMoney entities, one JSON object per line (or a delta file of { op, entity }) ----

/** Schemata that are screening targets; Address, Sanction, Ownership and the like are not. */
const FTM_PARTIES = new Set(['Thing', 'LegalEntity', 'Organization', 'Company', 'PublicBody', 'Person', 'Vessel', 'Airplane', 'Asset']);

function readFtm(file: string, lines: string[], info: ListInfo): RawList {
  info.format = 'ftm-jsonl';
  const byId = new Map<string, Obj>();
  let latest = '';
  lines.forEach((line, k) => {
    const where = `line ${k + 1}`;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (err) {
      throw new InputError(`${file}:${k + 1}`, `invalid JSON line (${(err as Error).message.split('\n')[0]})`);
    }
    if (!isObj(o)) throw new InputError(`${file}:${k + 1}`, `expected an entity object, got ${kindOf(o)}`);
    let entity: Obj;
    if ('op' in o) {
      const op = optStr(file, `${where}.op`, o.op);
      if (!isObj(o.entity)) throw new InputError(`${file}:${k + 1}`, `entity: expected an object, got ${kindOf(o.entity)}`);
      const id = optStr(file, `${where}.entity.id`, o.entity.id);
      if (op === 'DEL') {
        byId.delete(id);
        return;
      }
      if (op !== 'ADD' && op !== 'MOD') throw new InputError(`${file}:${k + 1}`, `op: expected ADD, MOD or DEL, got "${op}"`);
      entity = o.entity;
    } else entity = o;
    const id = optStr(file, `${where}.id`, entity.id);
    if (!id) throw new InputError(`${file}:${k + 1}`, 'an entity needs an "id"');
    if (entity.properties !== undefined && !isObj(entity.properties)) throw new InputError(`${file}:${k + 1}`, `properties: expected an object, got ${kindOf(entity.properties)}`);
    for (const t of ['last_change', 'last_seen'] as const) {
      const d = optStr(file, `${where}.${t}`, entity[t]).slice(0, 10);
      if (/^\d{4}-\d{2}-\d{2}$/.test(d) && d > latest) latest = d;
    }
    byId.set(id, entity);
  });
  if (latest) {
    info.date = latest;
    info.dateSource = 'file';
  }
  const entries: ListEntry[] = [];
  let k = 0;
  for (const [id, e] of byId) {
    k++;
    const where = `entity ${id}`;
    const schema = optStr(file, `${where}.schema`, e.schema);
    if (e.target === false || (schema && !FTM_PARTIES.has(schema))) continue;
    const props = (e.properties ?? {}) as Obj;
    const p = (key: string): string[] => strListNoSplit(file, `${where}.properties.${key}`, props[key]);
    const topics = p('topics');
    // Counter-sanctions (China or Iran listing Western firms) are not restricted parties for the buyer.
    if (topics.length > 0 && topics.every((t) => t === 'sanction.counter')) continue;
    const caption = optStr(file, `${where}.caption`, e.caption);
    const names = uniq([caption, ...p('name')]);
    if (names.length === 0) continue;
    const datasets = strListNoSplit(file, `${where}.datasets`, e.datasets);
    entries.push({
      list: info.name,
      source: datasets.length ? `OpenSanctions ${datasets.join(', ')}` : 'OpenSanctions',
      id,
      type: schema,
      name: names[0]!,
      // Weak aliases corroborate a match but are not screened alone (as OFAC and OpenSanctions advise).
      aliases: uniq([...names.slice(1), ...p('alias'), ...p('previousName')]),
      programs: uniq([...p('program'), ...topics]),
      countries: toCountries([...p('country'), ...p('jurisdiction'), ...p('nationality'), ...p('citizenship'), ...p('mainCountry')]),
    });
  }
  if (k === 0 && entries.length === 0) throw new InputError(file, 'no entities in the file');
  info.entries = entries.length;
  return { info, entries };
}

/** FtM property values: always arrays of strings (no "; " splitting: names may hold semicolons). */
function strListNoSplit(file: string, where: string, v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new InputError(file, `${where}: expected a list of strings, got ${kindOf(v)}`);
  return v.map((x, i) => {
    if (typeof x !== 'string') throw new InputError(file, `${where}[${i}]: expected a string, got ${kindOf(x)}`);
    return x.trim();
  }).filter((x) => x !== '');
}

/** Header names of the columns the list readers use; a large file keeps only these cells of each row. */
const USED_COLUMNS = new Set(['name', 'alt_names', 'aliases', 'alias', 'source', 'list', 'programs', 'program', 'addresses', 'nationalities', 'citizenships', '_id', 'id', 'entity_number', 'type', 'country', 'countries']);
/** Above this size a CSV list is parsed row by row into only the used columns (a 500,000-row list fits in memory). */
const LARGE_CSV = 16 * 1024 * 1024;

/** Call `each` for every row; a large file is parsed about 1 MB at a time into only the used columns. */
export function forEachCsvRow(file: string, body: string, lineOffset: number, each: (row: string[]) => void, sizes = { large: LARGE_CSV, chunk: 1024 * 1024 }): void {
  const blank = (r: string[]): boolean => r.length === 1 && r[0]!.trim() === '';
  if (body.length < sizes.large) {
    for (const r of readCsvRecords(file, body, { lineOffset })) if (!blank(r.cells)) each(r.cells);
    return;
  }
  let keep: number[] | null | undefined;
  let from = 0;
  let line = 1;
  while (from < body.length) {
    // Cut at a line end outside quotes (an even number of quotes before it), about 1 MB on.
    let to = Math.min(body.length, from + sizes.chunk);
    if (to < body.length) {
      let quotes = 0;
      for (let i = from; i < to; i++) if (body.charCodeAt(i) === 0x22) quotes++;
      for (;;) {
        const nl = body.indexOf('\n', to);
        if (nl < 0) {
          to = body.length;
          break;
        }
        for (let i = to; i < nl; i++) if (body.charCodeAt(i) === 0x22) quotes++;
        to = nl + 1;
        if (quotes % 2 === 0) break;
      }
    }
    const chunk = body.slice(from, to);
    let rows: string[][];
    try {
      rows = parse(chunk, {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (rec: string[]) => {
          if (keep === undefined) {
            const h = rec.map((x) => x.trim().toLowerCase());
            keep = h.includes('name') ? h.flatMap((x, i) => (USED_COLUMNS.has(x) ? [i] : [])) : null;
          }
          return keep ? keep.map((i) => rec[i] ?? '') : rec;
        },
      }) as string[][];
    } catch (err) {
      const l = (err as { lines?: number }).lines;
      throw new InputError(l ? `${file}:${l + line - 1 + lineOffset}` : file, `cannot read the CSV (${(err as Error).message.split('\n')[0]})`);
    }
    for (const r of rows) if (!blank(r)) each(r);
    for (let i = from; i < to; i++) if (body.charCodeAt(i) === 0x0a) line++;
    from = to;
  }
}

function readCsv(file: string, text: string, info: ListInfo): RawList {
  // Leading "# ..." comment lines may carry the list date ("# date: 2025-01-31"); read without splitting the whole file.
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let skip = 0;
  while (text.startsWith('#', pos)) {
    const nl = text.indexOf('\n', pos);
    const line = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const m = /^#\s*(?:list[-_ ]?)?date\s*:\s*(\d{4}-\d{2}-\d{2})/i.exec(line);
    if (m) {
      info.date = m[1]!;
      info.dateSource = 'file';
    }
    skip++;
    pos = nl < 0 ? text.length : nl + 1;
  }
  // The SUB (0x1A) end-of-file mark some government exports still carry; blank lines are no rows.
  let end = text.length;
  while (end > pos && /[\s\x1a]/.test(text[end - 1]!)) end--;
  const body = pos === 0 && end === text.length ? text : text.slice(pos, end);
  const entries: ListEntry[] = [];
  let handle: ((r: string[]) => void) | undefined;
  let ofacRows: string[][] | undefined;
  let n = 0;
  forEachCsvRow(file, body, skip, (r) => {
    n++;
    if (handle) return handle(r);
    const header = r.map((h) => h.trim().toLowerCase().replace(/^\ufeff/, ''));
    if (header.includes('name') && header.includes('source') && (header.includes('alt_names') || header.includes('entity_number') || header.includes('_id'))) {
      info.format = 'csl-csv';
      handle = cslCsvRow(info, header, entries);
    } else if (/^\d+$/.test(r[0]!.trim()) && [12, 5, 6].includes(r.length)) {
      ofacRows = [r];
      handle = (row) => ofacRows!.push(row);
    } else {
      info.format = 'names-csv';
      handle = namesCsvRow(info, header, entries);
      if (!header.includes('name')) handle(r);
    }
  });
  if (n === 0) throw new InputError(file, 'list file is empty');
  if (ofacRows) return readOfac(file, ofacRows, info);
  info.entries = entries.length;
  return { info, entries };
}

function cslCsvRow(info: ListInfo, header: string[], entries: ListEntry[]): (r: string[]) => void {
  const col = (n: string): number => header.indexOf(n);
  const [cName, cAlt, cSource, cPrograms, cAddr, cNat, cCit, cId, cEnt, cType] = [
    col('name'), col('alt_names'), col('source'), col('programs'), col('addresses'), col('nationalities'), col('citizenships'), col('_id'), col('entity_number'), col('type'),
  ];
  const get = (r: string[], c: number): string => (c >= 0 ? (r[c] ?? '') : '');
  let i = 0;
  return (r) => {
    i++;
    const nm = get(r, cName).trim();
    if (!nm) return;
    const countries = [
      ...splitSemi(get(r, cAddr)).map(addressCountry).filter((x): x is string => !!x),
      ...splitSemi(get(r, cNat)),
      ...splitSemi(get(r, cCit)),
    ];
    const { name: clean, aliases: embedded } = splitListedName(nm);
    entries.push({
      list: info.name,
      source: intern(get(r, cSource).trim() || 'CSL'),
      id: get(r, cId).trim() || get(r, cEnt).trim() || String(i + 1),
      type: intern(get(r, cType).trim()),
      name: clean,
      aliases: orNone(uniq([...splitSemi(get(r, cAlt)).map((a) => a.replace(/^and\s+/, '')), ...embedded].filter((a) => a !== clean))),
      programs: internAll(splitSemi(get(r, cPrograms))),
      countries: internAll(toCountries(countries)),
    });
  };
}

/** A plain list of names: a header with a `name` column, or no header (name[,country]). */
function namesCsvRow(info: ListInfo, header: string[], entries: ListEntry[]): (r: string[]) => void {
  const hasHeader = header.includes('name');
  const col = (...names: string[]): number => header.findIndex((h) => names.includes(h));
  const cName = hasHeader ? col('name') : 0;
  const cAlias = hasHeader ? col('aliases', 'alt_names', 'alias') : -1;
  const cCountry = hasHeader ? col('country', 'countries') : 1;
  const cSource = hasHeader ? col('source', 'list') : -1;
  const cPrograms = hasHeader ? col('programs', 'program') : -1;
  const cId = hasHeader ? col('id') : -1;
  let i = 0;
  return (r) => {
    i++;
    const nm = (r[cName] ?? '').trim();
    if (!nm) return;
    entries.push({
      list: info.name,
      source: cSource >= 0 && r[cSource]?.trim() ? r[cSource]!.trim() : info.name,
      id: cId >= 0 && r[cId]?.trim() ? r[cId]!.trim() : String(i + (hasHeader ? 1 : 0)),
      type: '',
      name: nm,
      aliases: cAlias >= 0 ? uniq(splitSemi(r[cAlias])) : [],
      programs: cPrograms >= 0 ? splitSemi(r[cPrograms]) : [],
      countries: cCountry >= 0 ? toCountries(splitSemi(r[cCountry])) : [],
    });
  };
}

function readOfac(file: string, rows: string[][], info: ListInfo): RawList {
  const width = rows[0]!.length;
  if (width === 12) {
    info.format = 'ofac-sdn';
    const entries: ListEntry[] = [];
    rows.forEach((r, i) => {
      if (!/^\d+$/.test((r[0] ?? '').trim())) throw new InputError(file, `row ${i + 1}: expected an entity number in the first column`);
      const nm = empty(r[1]);
      if (!nm) return;
      const remarks = empty(r[11]);
      const nat = [...remarks.matchAll(/\b(?:nationality|citizen|citizenship)\s+([A-Za-z][A-Za-z ,']*?)(?:;|\.|$)/gi)].map((m) => m[1]!.trim());
      entries.push({
        list: info.name,
        source: 'OFAC SDN',
        id: r[0]!.trim(),
        type: empty(r[2]) || 'entity',
        name: nm,
        aliases: [],
        programs: empty(r[3])
          .split(/\]\s*\[/)
          .map((p) => p.replace(/[[\]]/g, '').trim())
          .filter((p) => p !== ''),
        countries: toCountries(nat),
      });
    });
    info.entries = entries.length;
    return { info, entries };
  }
  if (width === 5) {
    info.format = 'ofac-alt';
    const ofacAliases = rows.map((r) => ({ ent: (r[0] ?? '').trim(), name: empty(r[3]) })).filter((a) => a.name !== '');
    info.entries = ofacAliases.length;
    return { info, entries: [], ofacAliases };
  }
  info.format = 'ofac-add';
  const ofacAddresses = rows.map((r) => ({ ent: (r[0] ?? '').trim(), country: empty(r[4]) })).filter((a) => a.country !== '');
  info.entries = ofacAddresses.length;
  return { info, entries: [], ofacAddresses };
}

/** Load list files; OFAC alt.csv and add.csv rows are joined to the SDN entries loaded alongside. */
export function loadLists(files: string[]): LoadedLists {
  const raws = files.map(readList);
  const entries = raws.flatMap((r) => r.entries);
  const sdn = new Map<string, ListEntry>();
  for (const r of raws) if (r.info.format === 'ofac-sdn') for (const e of r.entries) sdn.set(e.id, e);
  for (const r of raws) {
    if (!r.ofacAliases && !r.ofacAddresses) continue;
    if (sdn.size === 0) throw new InputError(r.info.file, `an OFAC ${r.info.format === 'ofac-alt' ? 'alias' : 'address'} file needs sdn.csv in the same --list set`);
    for (const a of r.ofacAliases ?? []) {
      const e = sdn.get(a.ent);
      if (e && !e.aliases.includes(a.name)) e.aliases.push(a.name);
    }
    for (const a of r.ofacAddresses ?? []) {
      const e = sdn.get(a.ent);
      const c = countryCode(a.country) ?? a.country.toUpperCase();
      if (e && !e.countries.includes(c)) e.countries.push(c);
    }
  }
  return { lists: raws.map((r) => r.info), entries };
}
