// Deterministic DOCX packaging for the clause outputs.
import JSZip from 'jszip';

/** Every timestamp written by clausecheck into a DOCX (zip entries, core properties, revisions). */
export const FIXED_DATE = new Date('2025-01-01T00:00:00Z');
export const FIXED_STAMP = '2025-01-01T00:00:00Z';

/**
 * Rewrite a DOCX zip with sorted entries, fixed entry dates and fixed core.xml dates, so the same
 * input always gives the same bytes. `replace` substitutes whole parts (e.g. a new document.xml).
 */
export async function repackDocx(zip: JSZip, replace: Record<string, string> = {}): Promise<Buffer> {
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    let data: string | Uint8Array = replace[name] ?? (await entry.async('uint8array'));
    if (name === 'docProps/core.xml') {
      const xml = typeof data === 'string' ? data : new TextDecoder().decode(data);
      data = xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${FIXED_STAMP}$3`);
    }
    out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  for (const [name, data] of Object.entries(replace)) {
    if (!zip.files[name]) out.file(name, data, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
