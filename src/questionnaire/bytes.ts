// Byte-level checks before any parser runs: file kind by magic number, text encodings, zip sizes.
import JSZip from 'jszip';
import { InputError } from '../types.js';
import { verifyZipEntries, zipDirectory } from '../zip-guard.js';

export type Magic = 'zip' | 'cfb' | 'pdf' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'other';

export function sniff(buf: Uint8Array): Magic {
  const b = (i: number): number => buf[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 0x03 || b(2) === 0x05) && (b(3) === 0x04 || b(3) === 0x06)) return 'zip';
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0 && b(4) === 0xa1 && b(5) === 0xb1 && b(6) === 0x1a && b(7) === 0xe1) return 'cfb';
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'pdf';
  if (b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf) return 'utf8-bom';
  if (b(0) === 0xff && b(1) === 0xfe) return 'utf16le-bom';
  if (b(0) === 0xfe && b(1) === 0xff) return 'utf16be-bom';
  return 'other';
}

/** An OLE compound file: an encrypted (password-protected) OOXML workbook, or an old binary .xls. */
export function cfbError(file: string, buf: Uint8Array): InputError {
  const marker = Buffer.from('EncryptionInfo', 'utf16le');
  if (Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).includes(marker)) {
    return new InputError(file, 'workbook is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook) and save it again as .xlsx');
  }
  return new InputError(file, 'this is an old binary Excel (.xls) or other OLE file, not .xlsx; save it as an Excel Workbook (.xlsx) or as CSV UTF-8');
}

export const ENCODINGS = ['utf8', 'utf16le', 'utf16be', 'latin1', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

const LABEL: Record<Encoding, string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be', latin1: 'windows-1252', 'windows-1252': 'windows-1252' };

/** Line and column (1-based) of a byte offset in a byte buffer, counting UTF-8 sequences as one column. */
function bytePosition(buf: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset; i++) {
    const c = buf[i]!;
    if (c === 0x0a) {
      line += 1;
      col = 1;
    } else if ((c & 0xc0) !== 0x80) col += 1;
  }
  return { line, col };
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const c = buf[i]!;
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = buf[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

/**
 * Decode a text file. With no encoding given: a UTF-8 or UTF-16 byte order mark decides, else the
 * bytes must be valid UTF-8; anything else is an error naming the first bad byte and what to do.
 */
export function decodeText(file: string, buf: Uint8Array, encoding?: Encoding): string {
  const magic = sniff(buf);
  let text: string;
  if (encoding) {
    const body = (encoding === 'utf8' && magic === 'utf8-bom') || (encoding === 'utf16le' && magic === 'utf16le-bom') || (encoding === 'utf16be' && magic === 'utf16be-bom')
      ? buf.subarray(encoding === 'utf8' ? 3 : 2)
      : buf;
    try {
      text = new TextDecoder(LABEL[encoding], { fatal: true }).decode(body);
    } catch {
      throw new InputError(file, `not valid ${encoding} text`);
    }
  } else if (magic === 'utf16le-bom' || magic === 'utf16be-bom') {
    try {
      text = new TextDecoder(magic === 'utf16le-bom' ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(buf.subarray(2));
    } catch {
      throw new InputError(file, `starts with a ${magic === 'utf16le-bom' ? 'UTF-16LE' : 'UTF-16BE'} byte order mark but is not valid UTF-16 text`);
    }
  } else {
    const body = magic === 'utf8-bom' ? buf.subarray(3) : buf;
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) {
      const { line, col } = bytePosition(body, bad);
      const byte = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
      const zeros = countZeros(body);
      const guess = zeros > body.length / 4 ? 'UTF-16 without a byte order mark' : 'Latin-1 / Windows-1252';
      throw new InputError(
        file,
        `line ${line}, column ${col}: byte 0x${byte} is not UTF-8 (the file looks like ${guess}); save it as "CSV UTF-8" or pass --encoding ${zeros > body.length / 4 ? 'utf16le' : 'latin1'}`,
      );
    }
    text = new TextDecoder('utf-8').decode(body);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const zeros = countZeros(buf);
    const hint = zeros > buf.length / 4 ? ' (UTF-16 without a byte order mark? pass --encoding utf16le)' : '';
    throw new InputError(file, `line ${line}: NUL character in text; this is not a text file${hint}`);
  }
  return text;
}

function countZeros(buf: Uint8Array): number {
  let n = 0;
  for (const c of buf) if (c === 0) n += 1;
  return n;
}

export interface ZipLimits {
  /** Largest total uncompressed size. */
  maxTotal: number;
  /** Largest compression ratio of one entry bigger than 1 MB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotal: 200 * 1048576, maxRatio: 200 };

/** Read a zip's directory (nothing inflated) and refuse archives that would inflate too far. */
export async function checkZip(file: string, buf: Uint8Array, limits = DEFAULT_ZIP_LIMITS): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf, { checkCRC32: false });
  } catch (err) {
    throw new InputError(file, `not a readable XLSX workbook (${(err as Error).message.split('\n')[0]})`);
  }
  const entries = zipDirectory(file, buf, 'XLSX workbook');
  let total = 0;
  for (const entry of entries) {
    const size = entry.uncompressedSize;
    const packed = entry.compressedSize;
    total += size;
    if (size > 1048576 && packed > 0 && size / packed > limits.maxRatio) {
      throw new InputError(file, `zip entry ${entry.name} inflates ${Math.round(size / packed)}x (${size} bytes); refusing a possible zip bomb`);
    }
  }
  if (total > limits.maxTotal) {
    throw new InputError(file, `workbook inflates to ${Math.round(total / 1048576)} MB, more than the ${Math.round(limits.maxTotal / 1048576)} MB limit`);
  }
  verifyZipEntries(file, buf, 'XLSX workbook', entries);
  return zip;
}
