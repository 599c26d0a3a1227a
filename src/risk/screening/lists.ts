// Restricted-party list readers (one job, longer than 300 lines because each list format needs its own
// column mapping). Formats, detected from the content:
//   csl-csv    US Consolidated Screening List CSV (header row; columns found by name)
//   csl-json   the same list as JSON ({ results: [...], sources_used: [...] })
//   ofac-sdn   OFAC sdn.csv (no header, 12 columns, "-0-" for empty); alt.csv (aliases) and add.csv
//              (addresses) are joined to it by entity number
//   names-csv  a plain CSV of names (header with a `name` column, or no header: name[,country])
//   names-json a JSON array of names or of { name, aliases?, country?, source?, programs? }
// Every list is recorded with its file name, date (a date in the file, else its mtime) and SHA-256.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { assertNesting, readBounded } from '../../read-file.js';
import { InputError } from '../../types.js';
import { countryCode } from '../countries.js';
import { readCsv as readCsvRecords } from '../../load/csv.js';

export type ListFormat = 'csl-csv' | 'csl-json' | 'ofac-sdn' | 'ofac-alt' | 'ofac-add' | 'names-csv' | 'names-json';

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

function readList(file: string): RawList {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(file, 'list file not found');
  }
  if (st.isDirectory()) throw new InputError(file, 'is a folder, expected a list file (.csv or .json)');
  if (st.size > MAX_BYTES) throw new InputError(file, `list file is larger than ${MAX_BYTES / 1048576} MB`);
  const buf = readBounded(file, MAX_BYTES, 'list file');
  const binary = binaryKind(buf);
  if (binary) throw new InputError(file, `${binary}, not a list file (CSV or JSON text)`);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const text = buf.toString('utf8');
  const name = basename(file);
  const info: ListInfo = { file, name, format: 'names-csv', entries: 0, date: isoDay(st.mtime), dateSource: 'mtime', sha256 };
  const trimmed = text.replace(/^\ufeff/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return readJson(file, trimmed, info);
  return readCsv(file, text, info);
}

function readJson(file: string, text: string, info: ListInfo): RawList {
  assertNesting(file, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const entries: ListEntry[] = [];
  if (data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { results?: unknown }).results)) {
    info.format = 'csl-json';
    const d = data as { results: unknown[]; sources_used?: Array<{ source_last_updated?: string; last_imported?: string }> };
    const dates = (d.sources_used ?? []).map((s) => String(s.source_last_updated ?? s.last_imported ?? '').slice(0, 10)).filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x)).sort();
    if (dates.length) {
      info.date = dates[dates.length - 1]!;
      info.dateSource = 'file';
    }
    d.results.forEach((r, i) => {
      if (!r || typeof r !== 'object') throw new InputError(file, `results[${i}] is not an object`);
      const o = r as Record<string, unknown>;
      const nameV = typeof o.name === 'string' ? o.name.trim() : '';
      if (!nameV) return;
      const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : typeof v === 'string' ? splitSemi(v) : []);
      const addrs = Array.isArray(o.addresses) ? (o.addresses as Array<Record<string, unknown>>) : [];
      const countries = [
        ...addrs.map((a) => (a && typeof a.country === 'string' ? a.country : '')),
        ...arr(o.nationalities),
        ...arr(o.citizenships),
      ].filter((x) => x);
      entries.push({
        list: info.name,
        source: typeof o.source === 'string' ? o.source : 'CSL',
        id: String(o.id ?? o._id ?? o.entity_number ?? i + 1),
        type: typeof o.type === 'string' ? o.type : '',
        name: nameV,
        aliases: uniq(arr(o.alt_names).map((x) => x.trim())),
        programs: arr(o.programs),
        countries: toCountries(countries),
      });
    });
  } else {
    info.format = 'names-json';
    let items: unknown[];
    if (Array.isArray(data)) items = data;
    else if (data && typeof data === 'object' && Array.isArray((data as { entries?: unknown }).entries)) {
      const d = data as { entries: unknown[]; date?: unknown; source?: unknown };
      items = d.entries;
      if (typeof d.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d.date)) {
        info.date = d.date.slice(0, 10);
        info.dateSource = 'file';
      }
    } else throw new InputError(file, 'unknown JSON list: expected a CSL export ({ "results": [...] }), an array of names, or { "entries": [...] }');
    items.forEach((it, i) => {
      if (typeof it === 'string') {
        if (it.trim()) entries.push({ list: info.name, source: info.name, id: String(i + 1), type: '', name: it.trim(), aliases: [], programs: [], countries: [] });
        return;
      }
      if (!it || typeof it !== 'object' || typeof (it as { name?: unknown }).name !== 'string') throw new InputError(file, `entry ${i + 1} has no "name"`);
      const o = it as Record<string, unknown>;
      const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? splitSemi(v) : []);
      entries.push({
        list: info.name,
        source: typeof o.source === 'string' ? o.source : info.name,
        id: String(o.id ?? i + 1),
        type: typeof o.type === 'string' ? o.type : '',
        name: String(o.name).trim(),
        aliases: uniq([...arr(o.aliases), ...arr(o.alt_names)]),
        programs: arr(o.programs),
        countries: toCountries([...arr(o.country), ...arr(o.countries)]),
      });
    });
  }
  info.entries = entries.length;
  return { info, entries };
}

function readCsv(file: string, text: string, info: ListInfo): RawList {
  // Leading "# ..." comment lines may carry the list date ("# date: 2025-01-31").
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  let skip = 0;
  while (skip < lines.length && lines[skip]!.startsWith('#')) {
    const m = /^#\s*(?:list[-_ ]?)?date\s*:\s*(\d{4}-\d{2}-\d{2})/i.exec(lines[skip]!);
    if (m) {
      info.date = m[1]!;
      info.dateSource = 'file';
    }
    skip++;
  }
  // The SUB (0x1A) end-of-file mark some government exports still carry; blank lines are no rows.
  const body = lines.slice(skip).join('\n').replace(/\x1a+\s*$/, '');
  const rows = readCsvRecords(file, body, { lineOffset: skip }).map((r) => r.cells).filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
  if (rows.length === 0) throw new InputError(file, 'list file is empty');
  const header = rows[0]!.map((h) => h.trim().toLowerCase().replace(/^\ufeff/, ''));
  const entries: ListEntry[] = [];
  if (header.includes('name') && header.includes('source') && (header.includes('alt_names') || header.includes('entity_number') || header.includes('_id'))) {
    info.format = 'csl-csv';
    const col = (n: string): number => header.indexOf(n);
    const [cName, cAlt, cSource, cPrograms, cAddr, cNat, cCit, cId, cEnt, cType] = [
      col('name'), col('alt_names'), col('source'), col('programs'), col('addresses'), col('nationalities'), col('citizenships'), col('_id'), col('entity_number'), col('type'),
    ];
    const get = (r: string[], c: number): string => (c >= 0 ? (r[c] ?? '') : '');
    rows.slice(1).forEach((r, i) => {
      const nm = get(r, cName).trim();
      if (!nm) return;
      const countries = [
        ...splitSemi(get(r, cAddr)).map(addressCountry).filter((x): x is string => !!x),
        ...splitSemi(get(r, cNat)),
        ...splitSemi(get(r, cCit)),
      ];
      entries.push({
        list: info.name,
        source: get(r, cSource).trim() || 'CSL',
        id: get(r, cId).trim() || get(r, cEnt).trim() || String(i + 2),
        type: get(r, cType).trim(),
        name: nm,
        aliases: uniq(splitSemi(get(r, cAlt))),
        programs: splitSemi(get(r, cPrograms)),
        countries: toCountries(countries),
      });
    });
    info.entries = entries.length;
    return { info, entries };
  }
  if (/^\d+$/.test(rows[0]![0]!.trim()) && [12, 5, 6].includes(rows[0]!.length)) return readOfac(file, rows, info);
  // A plain list of names.
  info.format = 'names-csv';
  const hasHeader = header.includes('name');
  const col = (...names: string[]): number => header.findIndex((h) => names.includes(h));
  const cName = hasHeader ? col('name') : 0;
  const cAlias = hasHeader ? col('aliases', 'alt_names', 'alias') : -1;
  const cCountry = hasHeader ? col('country', 'countries') : 1;
  const cSource = hasHeader ? col('source', 'list') : -1;
  const cPrograms = hasHeader ? col('programs', 'program') : -1;
  const cId = hasHeader ? col('id') : -1;
  (hasHeader ? rows.slice(1) : rows).forEach((r, i) => {
    const nm = (r[cName] ?? '').trim();
    if (!nm) return;
    entries.push({
      list: info.name,
      source: cSource >= 0 && r[cSource]?.trim() ? r[cSource]!.trim() : info.name,
      id: cId >= 0 && r[cId]?.trim() ? r[cId]!.trim() : String(i + (hasHeader ? 2 : 1)),
      type: '',
      name: nm,
      aliases: cAlias >= 0 ? uniq(splitSemi(r[cAlias])) : [],
      programs: cPrograms >= 0 ? splitSemi(r[cPrograms]) : [],
      countries: cCountry >= 0 ? toCountries(splitSemi(r[cCountry])) : [],
    });
  });
  info.entries = entries.length;
  return { info, entries };
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
