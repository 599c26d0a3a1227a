// Zip archives (DOCX, XLSX) are untrusted: their directory may understate what an entry inflates to.
// The central directory is read here from the archive's own bytes (the zip format, no library's
// private fields), and every entry is inflated with a ceiling at its declared size, so a lying zip
// bomb is refused with one line instead of being inflated without limit by JSZip, mammoth or exceljs.
// Nothing is skipped: an entry this guard cannot check is refused.
import { inflateRawSync } from 'node:zlib';
import { InputError } from './types.js';

export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The size the central directory declares. */
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
  encrypted: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip archive as its central directory declares them. */
export function zipDirectory(file: string, data: Uint8Array, what: string): ZipEntryInfo[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const corrupt = (why: string) => new InputError(file, `corrupt ${what} (${why})`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no zip directory');
  const count = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new InputError(file, `${what} is a ZIP64 archive, which is not supported`);
  const entries: ZipEntryInfo[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw corrupt('bad zip directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const entry: ZipEntryInfo = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      encrypted: (buf.readUInt16LE(p + 8) & 1) === 1,
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw new InputError(file, `${what} is a ZIP64 archive, which is not supported`);
    }
    entries.push(entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** The total the entries declare they inflate to. */
export function declaredSize(entries: ZipEntryInfo[]): number {
  return entries.reduce((s, e) => s + e.uncompressedSize, 0);
}

/**
 * Check that each entry inflates to exactly the size the zip directory declares, never inflating
 * more than that (callers have already checked the declared total). `what` names the file kind.
 */
export function verifyZipEntries(file: string, data: Uint8Array, what: string, entries = zipDirectory(file, data, what)): void {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0) continue; // a folder
    const at = e.localOffset;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw new InputError(file, `corrupt ${what} (zip entry ${e.name} has no local header)`);
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    const content = buf.subarray(start, start + e.compressedSize);
    if (e.encrypted) throw new InputError(file, `${what} entry ${e.name} is encrypted`);
    let actual: number;
    if (e.method === 0) actual = content.length;
    else if (e.method === 8) {
      try {
        actual = inflateRawSync(content, { maxOutputLength: Math.max(1, e.uncompressedSize) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new InputError(file, `${what} entry ${e.name} inflates to more than the ${e.uncompressedSize} bytes its zip directory declares; refusing a possible zip bomb`);
        }
        throw new InputError(file, `corrupt ${what} (zip entry ${e.name}: ${String((err as Error).message).split('\n')[0]})`);
      }
    } else throw new InputError(file, `${what} entry ${e.name} uses zip compression method ${e.method}; only stored and deflated entries are read`);
    if (actual !== e.uncompressedSize) {
      throw new InputError(file, `corrupt ${what} (zip entry ${e.name} holds ${actual} bytes, its zip directory declares ${e.uncompressedSize})`);
    }
  }
}
