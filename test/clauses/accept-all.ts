// Accept every tracked change of a DOCX, as Word's "Accept All Changes" does for the kinds the
// redline writes: deleted runs (w:del) go, inserted runs (w:ins) stay without their wrapper, and the
// revision marks on paragraph marks go. Comments stay (they are not changes).
import JSZip from 'jszip';

export function acceptAllXml(xml: string): string {
  let out = xml;
  // Paragraph-mark revisions: <w:rPr><w:ins .../></w:rPr> inside w:pPr.
  out = out.replace(/<w:ins\b[^>]*\/>/g, '');
  // Deleted runs, with everything in them.
  out = out.replace(/<w:del\b[^>]*\/>/g, '').replace(/<w:del\b[^>]*>[\s\S]*?<\/w:del>/g, '');
  // Inserted runs: keep the content.
  out = out.replace(/<w:ins\b[^>]*>/g, '').replace(/<\/w:ins>/g, '');
  out = out.replace(/<w:rPr><\/w:rPr>|<w:rPr\/>/g, '');
  return out;
}

export async function acceptAllDocx(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', acceptAllXml(xml));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
