// Zip archives (DOCX, XLSX) are untrusted: their directory may understate what an entry inflates to.
// Every entry is inflated here with a ceiling at its declared size, so a lying zip bomb is refused
// with one line instead of being inflated without limit by JSZip, mammoth or exceljs.
import { inflateRawSync } from 'node:zlib';
import type JSZip from 'jszip';
import { InputError } from './types.js';

interface RawEntry {
  uncompressedSize?: number;
  compression?: { magic?: string };
  compressedContent?: Uint8Array;
}

const STORED = '\x00\x00';
const DEFLATE = '\x08\x00';

/**
 * Check that each entry inflates to exactly the size its zip directory declares, never inflating
 * more than that (callers have already checked the declared total). `what` names the file kind.
 */
export function verifyZipEntries(file: string, zip: JSZip, what: string): void {
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    const d = (entry as unknown as { _data?: RawEntry })._data;
    const content = d?.compressedContent;
    const declared = d?.uncompressedSize;
    if (!content || typeof declared !== 'number') continue;
    const magic = d?.compression?.magic;
    let actual: number;
    if (magic === STORED) actual = content.length;
    else if (magic === DEFLATE) {
      try {
        actual = inflateRawSync(content, { maxOutputLength: Math.max(1, declared) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new InputError(file, `${what} entry ${name} inflates to more than the ${declared} bytes its zip directory declares; refusing a possible zip bomb`);
        }
        throw new InputError(file, `corrupt ${what} (zip entry ${name}: ${String((err as Error).message).split('\n')[0]})`);
      }
    } else continue; // other methods: JSZip refuses them itself
    if (actual !== declared) {
      throw new InputError(file, `corrupt ${what} (zip entry ${name} holds ${actual} bytes, its zip directory declares ${declared})`);
    }
  }
}
