import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/types.js';
import { declaredSize, verifyZipEntries, zipDirectory } from '../src/zip-guard.js';

async function zipOf(files: Record<string, string>, compression: 'STORE' | 'DEFLATE'): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression });
}

/** Offset of the central directory header of the n-th entry. */
function centralHeader(buf: Buffer, n: number): number {
  let p = buf.readUInt32LE(buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16);
  for (let i = 0; i < n; i++) p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  return p;
}

describe('zip guard', () => {
  it('reads the declared sizes from the central directory and accepts honest entries', async () => {
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const buf = await zipOf({ 'a.xml': 'x'.repeat(5000), 'b/c.xml': '<c/>' }, compression);
      const entries = zipDirectory('t.zip', buf, 'archive');
      expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([['a.xml', 5000], ['b/', 0], ['b/c.xml', 4]]);
      expect(declaredSize(entries)).toBe(5004);
      expect(() => verifyZipEntries('t.zip', buf, 'archive')).not.toThrow();
    }
  });

  it('refuses an entry it cannot check instead of skipping it', async () => {
    const buf = await zipOf({ 'a.xml': 'hello' }, 'STORE');
    buf.writeUInt16LE(12, centralHeader(buf, 0) + 10); // bzip2
    expect(() => verifyZipEntries('t.zip', buf, 'archive')).toThrow(new InputError('t.zip', 'archive entry a.xml uses zip compression method 12; only stored and deflated entries are read'));
  });

  it('refuses a stored entry whose size differs from the declared one, and a missing directory', async () => {
    const buf = await zipOf({ 'a.xml': 'hello' }, 'STORE');
    buf.writeUInt32LE(3, centralHeader(buf, 0) + 24);
    expect(() => verifyZipEntries('t.zip', buf, 'archive')).toThrow(/zip entry a\.xml holds 5 bytes, its zip directory declares 3/);
    expect(() => zipDirectory('t.zip', Buffer.from('PK not really'), 'archive')).toThrow('corrupt archive (no zip directory)');
  });
});
